package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.protocol.v1.NodeEvent;

/**
 * The home of "already processed": every event id the hub took up, its payload hash and its outcome, so an
 * id is applied at most once and a resubmission gets the original answer.
 */
@ApplicationScoped
public class ProcessedEvents {

  /** What recording an event id found. */
  public enum Outcome {
    /** First time: apply it. */
    NEW,
    /** Same id, same payload: already processed, nothing to do; the original outcome stands. */
    DUPLICATE,
    /** Same id, different payload: refuse it. */
    CONFLICT
  }

  /**
   * Records the event id on the caller's connection unless it is known, and says which case this is.
   *
   * @param payloadSha256 SHA-256 of the encoded payload: the same id with a different payload is a conflict
   */
  Outcome record(Connection c, UUID eventId, NodeEvent event, byte[] payloadSha256, ConsumerRecord<?, ?> from)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into processed_event (event_id, node_id, sequence, event_type, payload_sha256, "
                + "kafka_topic, kafka_partition, kafka_offset, volunteer_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (event_id) do nothing")) {
      insert.setObject(1, eventId);
      insert.setString(2, event.getNodeId());
      insert.setLong(3, event.getSequence());
      insert.setString(4, event.getPayload().getClass().getSimpleName());
      insert.setBytes(5, payloadSha256);
      insert.setString(6, from.topic());
      insert.setInt(7, from.partition());
      insert.setLong(8, from.offset());
      insert.setString(9, EventApplier.volunteerOf(event.getPayload()));
      if (insert.executeUpdate() == 1) {
        return Outcome.NEW;
      }
    }
    try (PreparedStatement select =
        c.prepareStatement("select payload_sha256 from processed_event where event_id = ?")) {
      select.setObject(1, eventId);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return Arrays.equals(rs.getBytes(1), payloadSha256) ? Outcome.DUPLICATE : Outcome.CONFLICT;
      }
    }
  }

  /** Records that a rule refused the event, so a resubmission is refused the same way without a second look. */
  void markRejected(Connection c, UUID eventId, String reasonCode) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("update processed_event set outcome = 'REJECTED', reason_code = ? where event_id = ?")) {
      ps.setString(1, reasonCode);
      ps.setObject(2, eventId);
      ps.executeUpdate();
    }
  }
}
