package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.tbx.kit.jdbc.Jdbc;

/**
 * The next Kafka offset to read per partition, kept in PostgreSQL beside the ledger it describes.
 */
@ApplicationScoped
public class ConsumedOffsets {

  private final Jdbc jdbc;

  ConsumedOffsets(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return the stored next offset of each partition that has one
   */
  public Map<TopicPartition, Long> find(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> found = new HashMap<>();
    for (TopicPartition tp : partitions) {
      jdbc.first(
              "select next_offset from consumed_offset where topic = ? and partition = ?",
              rs -> rs.getLong(1),
              tp.topic(),
              tp.partition())
          .ifPresent(next -> found.put(tp, next));
    }
    return found;
  }

  /**
   * @return the stored next offset of every partition of a topic
   */
  public Map<Integer, Long> ofTopic(String topic) {
    Map<Integer, Long> found = new HashMap<>();
    jdbc.list(
            "select partition, next_offset from consumed_offset where topic = ?",
            rs -> Map.entry(rs.getInt(1), rs.getLong(2)),
            topic)
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /**
   * Stores next offsets in the caller's transaction, so they commit with the records they follow.
   */
  void save(Map<TopicPartition, Long> next) {
    jdbc.batch(
        "insert into consumed_offset (topic, partition, next_offset) values (?, ?, ?) "
            + "on conflict (topic, partition) do update "
            + "set next_offset = greatest(consumed_offset.next_offset, excluded.next_offset), updated_at = now()",
        next.entrySet(),
        (ps, e) -> Jdbc.bind(ps, e.getKey().topic(), e.getKey().partition(), e.getValue()));
  }
}
