package org.tbx.hub.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.protocol.v1.ReasonCode;

/** Keeps what the hub could not apply, with its bytes, origin and reason; nothing is dropped. */
@ApplicationScoped
public class Quarantine {

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
