package org.tbx.hub.correction;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tbx.hub.deposit.HonourOverflow;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Transfer;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.ReasonCode;

/**
 * A correction: posts the opposite of every transfer of an earlier event of the same bank, each
 * pointing at the one it reverses, once, and the minutes a deposit turned into honours. Nothing is
 * ever edited; redemptions are settled or cancelled instead.
 */
@ApplicationScoped
public class EntryReversedHandler implements EventHandler<EntryReversed> {

  /** Event types whose transfers a bank may reverse. */
  static final Set<String> REVERSIBLE =
      Set.of("ServiceRecorded", "HoursGifted", "HoursDonated", "GrantIssued", "PoolAllocated");

  private final ProcessedEvents processed;
  private final HonourOverflow honours;

  EntryReversedHandler(ProcessedEvents processed, HonourOverflow honours) {
    this.processed = processed;
    this.honours = honours;
  }

  @Override
  public Class<EntryReversed> type() {
    return EntryReversed.class;
  }

  @Override
  public void validate(EventContext<EntryReversed> event) throws ProtocolException {
    Fields.uuid("reversedEventId", event.payload().getReversedEventId());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<EntryReversed> event) throws ProtocolException {
    UUID original = UUID.fromString(event.payload().getReversedEventId());
    work.ledger().flush();
    String type =
        processed
            .applied(original)
            .filter(a -> a.nodeId().equals(event.nodeId()))
            .map(ProcessedEvents.Applied::eventType)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_EVENT,
                        "event "
                            + original
                            + " is not an applied event of node "
                            + event.nodeId()));
    if (!REVERSIBLE.contains(type)) {
      throw new ProtocolException(
          ReasonCode.NOT_REVERSIBLE,
          type + " cannot be reversed; settle or cancel the redemption instead");
    }
    List<Transfer> opposite = new ArrayList<>();
    for (Transfer t : work.ledger().transfersOf(original)) {
      if (work.ledger().isReversed(t.id())) {
        throw new ProtocolException(
            ReasonCode.ALREADY_REVERSED, "event " + original + " was reversed before");
      }
      opposite.add(t.reversal(event.eventId(), event.nodeId()));
    }
    boolean honourMinutes =
        type.equals("ServiceRecorded") && honours.reverse(original, event.eventId(), work.now());
    if (opposite.isEmpty() && !honourMinutes) {
      throw new ProtocolException(
          ReasonCode.ALREADY_REVERSED, "event " + original + " was reversed before");
    }
    opposite.forEach(work.ledger()::post);
  }
}
