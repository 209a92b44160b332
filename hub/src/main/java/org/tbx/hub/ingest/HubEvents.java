package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.log.LeafData;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.protocol.Ed25519Keys;

/**
 * Events of the hub itself (an upheld dispute, a redeemed benefit): recorded as processed events of
 * node {@code hub}, sequence 0, and logged like every applied event, with the SHA-256 of a text
 * statement as the payload hash (PROTOCOL.md sections 12 to 15 give each statement).
 */
@ApplicationScoped
public class HubEvents {

  private final ProcessedEvents processed;
  private final TransparencyLog log;

  HubEvents(ProcessedEvents processed, TransparencyLog log) {
    this.processed = processed;
    this.log = log;
  }

  /**
   * Posts what the session buffered, then records and logs the event, in the caller's transaction.
   *
   * @param statement the UTF-8 text whose SHA-256 the leaf carries
   */
  public void record(
      LedgerSession session, UUID eventId, String type, String statement, String volunteerId) {
    session.flush();
    byte[] payload = Ed25519Keys.sha256(statement.getBytes(StandardCharsets.UTF_8));
    processed.recordHubEvent(eventId, type, payload, volunteerId);
    log.append(
        List.of(
            new LeafData(
                eventId, ProcessedEvents.HUB, 0, type, payload, session.postedBy(eventId))));
  }
}
