package org.tbx.hub.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.ledger.MemoryLedger;
import org.tbx.hub.notice.NoticeOutbox;

/** A unit of work over an in-memory ledger, for unit tests of handlers: no Kafka, no PostgreSQL. */
public final class TestWork {

  public final Instant now;
  public final MemoryLedger ledger = new MemoryLedger();
  public final NoticeOutbox.Pending notices = new NoticeOutbox.Pending();
  public final UnitOfWork work;
  private long sequence;

  public TestWork(Instant now) {
    this.now = now;
    this.work = UnitOfWork.standalone(now, new LedgerSession(ledger), notices);
  }

  /**
   * @return the next event of a bank's stream carrying the payload
   */
  public <T extends SpecificRecordBase> EventContext<T> event(String nodeId, T payload) {
    return new EventContext<>(UUID.randomUUID(), nodeId, ++sequence, now, payload);
  }

  /** Applies an event as the ingest would: its field rules, then the handler. */
  public <T extends SpecificRecordBase> EventContext<T> apply(
      EventHandler<T> handler, String nodeId, T payload) throws Exception {
    EventContext<T> event = event(nodeId, payload);
    handler.validate(event);
    handler.prepare(work, List.of(payload));
    handler.apply(work, event);
    work.ledger().flush();
    return event;
  }

  /**
   * @return the payloads of the notices queued for a bank, in order
   */
  public List<Object> noticesTo(String nodeId) {
    return notices.notices().stream()
        .filter(n -> n.nodeId().equals(nodeId))
        .map(n -> n.notice().getPayload())
        .toList();
  }
}
