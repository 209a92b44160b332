package org.tbx.hub.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.protocol.v1.ReasonCode;

/** Keeps what the hub could not apply, with its bytes, origin and reason; nothing is dropped. */
@ApplicationScoped
public class Quarantine {

  /** A held batch as stored. */
  public record Held(long id, ConsumerRecord<byte[], byte[]> record, long firstSequence) {}

  /**
   * Holds a batch that arrived after a sequence gap, on the caller's connection; holding it twice keeps
   * one row.
   */
  public void holdForGap(Connection c, ConsumerRecord<byte[], byte[]> record, String nodeId, long firstSequence, String detail)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into quarantined_record (kafka_topic, kafka_partition, kafka_offset, record_key, record_value, "
            + "node_id, event_id, reason_code, detail, held, first_sequence) values (?, ?, ?, ?, ?, ?, null, 'SEQUENCE_GAP', ?, "
            + "true, ?) on conflict do nothing")) {
      ps.setString(1, record.topic());
      ps.setInt(2, record.partition());
      ps.setLong(3, record.offset());
      ps.setBytes(4, record.key());
      ps.setBytes(5, record.value());
      ps.setString(6, nodeId);
      ps.setString(7, detail);
      ps.setLong(8, firstSequence);
      ps.executeUpdate();
    }
  }

  /**
   * Takes the oldest held batch of a bank that starts at {@code sequence} (or, with {@code sequence} 0,
   * the held batch with the lowest first sequence), marking it released.
   */
  public Optional<Held> release(Connection c, String nodeId, long sequence) throws SQLException {
    String sql = "select id, kafka_topic, kafka_partition, kafka_offset, record_key, record_value, first_sequence "
        + "from quarantined_record where held and released_at is null and node_id = ? "
        + (sequence > 0 ? "and first_sequence = ? " : "") + "order by first_sequence, id limit 1 for update";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, nodeId);
      if (sequence > 0) {
        ps.setLong(2, sequence);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Held held = new Held(rs.getLong(1),
            new ConsumerRecord<>(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getBytes(5), rs.getBytes(6)),
            rs.getLong(7));
        try (PreparedStatement upd = c.prepareStatement("update quarantined_record set released_at = now() where id = ?")) {
          upd.setLong(1, held.id());
          upd.executeUpdate();
        }
        return Optional.of(held);
      }
    }
  }

  /**
   * Stores a rejected record (or one rejected event of it) on the caller's connection; storing the same
   * rejection twice keeps one row.
   */
  public void hold(
      Connection c, ConsumerRecord<byte[], byte[]> record, String nodeId, String eventId, ReasonCode reason, String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into quarantined_record (kafka_topic, kafka_partition, kafka_offset, record_key, record_value, "
                + "node_id, event_id, reason_code, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      ps.setString(1, record.topic());
      ps.setInt(2, record.partition());
      ps.setLong(3, record.offset());
      ps.setBytes(4, record.key());
      ps.setBytes(5, record.value());
      ps.setString(6, nodeId);
      ps.setString(7, eventId);
      ps.setString(8, reason.name());
      ps.setString(9, detail);
      ps.executeUpdate();
    }
  }
}
