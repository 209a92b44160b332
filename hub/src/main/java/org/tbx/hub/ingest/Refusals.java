package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;

/** Quarantines what cannot be applied and tells the bank why, in the poll's transaction. */
@ApplicationScoped
class Refusals {

  private final Quarantine quarantine;

  Refusals(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  /**
   * Quarantines a record, or one of its events, with a reason; the bank gets an {@code
   * EventRejected}.
   */
  void reject(
      UnitOfWork work,
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      NodeEvent event,
      ReasonCode reason,
      String detail) {
    String eventId = event == null ? null : event.getEventId();
    Log.warnf(
        "quarantined %s-%d@%d event %s: %s %s",
        record.topic(), record.partition(), record.offset(), eventId, reason, detail);
    quarantine.hold(record, nodeId, eventId, reason, detail);
    work.quarantined(reason);
    if (nodeId != null) {
      work.notify(
          nodeId,
          new EventRejected(
              eventId,
              event == null ? null : event.getSequence(),
              record.offset(),
              reason,
              detail));
    }
  }

  /** Holds a batch that arrived after a gap and tells the bank which sequences are missing. */
  void hold(
      UnitOfWork work,
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      long first,
      long head) {
    String detail = "held until sequences " + (head + 1) + ".." + (first - 1) + " arrive";
    Log.warnf(
        "%s-%d@%d from %s starts at sequence %d: %s",
        record.topic(), record.partition(), record.offset(), nodeId, first, detail);
    quarantine.holdForGap(record, nodeId, first, detail);
    work.quarantined(ReasonCode.SEQUENCE_GAP);
    work.notify(
        nodeId, new EventRejected(null, first, record.offset(), ReasonCode.SEQUENCE_GAP, detail));
  }
}
