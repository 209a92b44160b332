package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;

/** Quarantines what cannot be applied and tells the bank why, in the poll's transaction. */
@ApplicationScoped
class Refusals {

  private final Quarantine quarantine;
  private final Notifications notifications;

  Refusals(Quarantine quarantine, Notifications notifications) {
    this.quarantine = quarantine;
    this.notifications = notifications;
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

  /**
   * Quarantines a fork (a second, different batch at sequences already accepted) and tells the bank
   * for each of its events, and the operator and regulator; the caller has suspended the stream.
   */
  void fork(
      UnitOfWork work,
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      BatchCodec.Opened opened,
      String detail) {
    Log.errorf(
        "STREAM FORK from %s at %s-%d@%d: %s; the stream is suspended until an operator resumes it",
        nodeId, record.topic(), record.partition(), record.offset(), detail);
    quarantine.hold(record, nodeId, null, ReasonCode.STREAM_FORK, detail);
    work.quarantined(ReasonCode.STREAM_FORK);
    for (NodeEvent event : opened.batch().getEvents()) {
      work.notify(
          nodeId,
          new EventRejected(
              event.getEventId(),
              event.getSequence(),
              record.offset(),
              ReasonCode.STREAM_FORK,
              detail));
    }
    notifications.tell(nodeId, null, Notifications.Kind.STREAM_FORK, nodeId, detail);
    notifications.tell(null, null, Notifications.Kind.STREAM_FORK, nodeId, detail);
  }

  /** Holds a batch of a suspended stream, to be applied once an operator resumes it. */
  void holdWhileSuspended(
      UnitOfWork work,
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      long first,
      String why) {
    String detail = "held: the stream is suspended (" + why + ")";
    Log.warnf(
        "%s-%d@%d from %s at sequence %d: %s",
        record.topic(), record.partition(), record.offset(), nodeId, first, detail);
    quarantine.holdBatch(record, nodeId, first, ReasonCode.STREAM_SUSPENDED, detail);
    work.quarantined(ReasonCode.STREAM_SUSPENDED);
    work.notify(
        nodeId,
        new EventRejected(null, first, record.offset(), ReasonCode.STREAM_SUSPENDED, detail));
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
