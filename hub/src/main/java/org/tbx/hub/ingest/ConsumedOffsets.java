package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/** The next Kafka offset to read per partition, kept in PostgreSQL beside the ledger it describes. */
@ApplicationScoped
public class ConsumedOffsets {

  private final DataSource dataSource;

  ConsumedOffsets(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** @return the stored next offset of each partition that has one */
  public Map<TopicPartition, Long> find(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> found = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select next_offset from consumed_offset where topic = ? and partition = ?")) {
      for (TopicPartition tp : partitions) {
        ps.setString(1, tp.topic());
        ps.setInt(2, tp.partition());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            found.put(tp, rs.getLong(1));
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("reading consumed offsets failed", e);
    }
  }

  /** Stores next offsets on the caller's connection, so they commit with the records they follow. */
  void save(Connection c, Map<TopicPartition, Long> next) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into consumed_offset (topic, partition, next_offset) values (?, ?, ?) "
                + "on conflict (topic, partition) do update "
                + "set next_offset = greatest(consumed_offset.next_offset, excluded.next_offset), updated_at = now()")) {
      for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
        ps.setString(1, e.getKey().topic());
        ps.setInt(2, e.getKey().partition());
        ps.setLong(3, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
