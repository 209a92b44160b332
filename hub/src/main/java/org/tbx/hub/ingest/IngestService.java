package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.tbx.hub.ledger.LedgerService;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.RejectionReason;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v0.EventBatch;
import org.tbx.protocol.v0.EventEnvelope;

/**
 * Applies one poll of node records in a single transaction: each event once to the ledger, whatever
 * cannot be applied to the quarantine, and the next offsets, all committed together.
 */
@ApplicationScoped
public class IngestService {

  private final DataSource dataSource;
  private final AppliedEvents appliedEvents;
  private final LedgerService ledger;
  private final Quarantine quarantine;
  private final ConsumedOffsets offsets;
  private final EventValidator validator = new EventValidator();

  IngestService(
      DataSource dataSource,
      AppliedEvents appliedEvents,
      LedgerService ledger,
      Quarantine quarantine,
      ConsumedOffsets offsets) {
    this.dataSource = dataSource;
    this.appliedEvents = appliedEvents;
    this.ledger = ledger;
    this.quarantine = quarantine;
    this.offsets = offsets;
  }

  /**
   * @param records consecutive records of one poll, any partitions
   * @return how many events were newly applied
   */
  @Transactional
  public int apply(List<ConsumerRecord<byte[], byte[]>> records) {
    try (Connection c = dataSource.getConnection()) {
      List<Transfer> transfers = new ArrayList<>();
      Map<TopicPartition, Long> next = new HashMap<>();
      int applied = 0;
      for (ConsumerRecord<byte[], byte[]> record : records) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        applied += applyRecord(c, record, transfers);
      }
      ledger.post(c, transfers);
      offsets.save(c, next);
      return applied;
    } catch (SQLException e) {
      throw new IllegalStateException("applying " + records.size() + " records failed: " + e.getMessage(), e);
    }
  }

  private int applyRecord(Connection c, ConsumerRecord<byte[], byte[]> record, List<Transfer> transfers)
      throws SQLException {
    Optional<String> topicNode = Topics.nodeIdOfOut(record.topic());
    if (topicNode.isEmpty()) {
      return reject(c, record, null, null, RejectionReason.UNKNOWN_TOPIC, "topic " + record.topic() + " is not a node topic");
    }
    String nodeId = topicNode.get();
    EventBatch batch;
    try {
      batch = BatchCodec.decode(record.value());
    } catch (ProtocolException e) {
      return reject(c, record, nodeId, null, e.reason(), e.getMessage());
    }
    if (!nodeId.equals(batch.getNodeId())) {
      return reject(
          c, record, nodeId, null, RejectionReason.NODE_MISMATCH,
          "batch claims node " + batch.getNodeId() + " but arrived on " + record.topic());
    }
    int applied = 0;
    for (EventEnvelope event : batch.getEvents()) {
      Optional<ProtocolException> invalid = validator.check(nodeId, event);
      if (invalid.isPresent()) {
        reject(c, record, nodeId, event.getEventId(), invalid.get().reason(), invalid.get().getMessage());
        continue;
      }
      UUID eventId = UUID.fromString(event.getEventId());
      switch (appliedEvents.record(c, eventId, event, sha256(BatchCodec.encode(event)), record)) {
        case NEW -> {
          transfers.addAll(ledger.transfersFor(eventId, event));
          applied++;
        }
        case DUPLICATE -> Log.debugf("event %s already applied; skipped", eventId);
        case CONFLICT -> reject(
            c, record, nodeId, event.getEventId(), RejectionReason.DUPLICATE_ID_DIFFERENT_PAYLOAD,
            "event id " + eventId + " was applied before with a different payload");
      }
    }
    return applied;
  }

  private int reject(
      Connection c, ConsumerRecord<byte[], byte[]> record, String nodeId, String eventId, RejectionReason reason, String detail)
      throws SQLException {
    Log.warnf("quarantined %s-%d@%d event %s: %s %s", record.topic(), record.partition(), record.offset(), eventId, reason, detail);
    quarantine.hold(c, record, nodeId, eventId, reason, detail);
    return 0;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
