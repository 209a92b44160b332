package org.tbx.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.protocol.Topics;

/** How far the hub has come with one bank's stream: head, last statement, lag behind Kafka, quarantine. */
@ApplicationScoped
public class StreamStatus {

  /**
   * A bank's stream as the hub sees it.
   *
   * @param lagRecords records on the bank's topic the hub has not committed yet; null when Kafka did not answer
   * @param quarantinedCount records and events of this bank the hub could not apply
   */
  public record Status(
      String nodeId, long lastSequence, String lastBatchHashHex, OffsetDateTime updatedAt, Long lagRecords,
      long quarantinedCount, LastStatement lastStatement) {}

  /** The bank's latest reconciled statement. */
  public record LastStatement(String statementId, long asOfSequence, boolean matched, OffsetDateTime reconciledAt) {}

  private final DataSource dataSource;
  private final KafkaClients clients;

  StreamStatus(DataSource dataSource, KafkaClients clients) {
    this.dataSource = dataSource;
    this.clients = clients;
  }

  /** @return the status of a registered bank's stream */
  public Optional<Status> of(String nodeId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long lastSequence;
      byte[] hash;
      OffsetDateTime updated;
      try (PreparedStatement ps = c.prepareStatement(
          "select last_sequence, last_batch_hash, updated_at from node_stream where node_id = ?")) {
        ps.setString(1, nodeId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          lastSequence = rs.getLong(1);
          hash = rs.getBytes(2);
          updated = rs.getObject(3, OffsetDateTime.class);
        }
      }
      long quarantined;
      try (PreparedStatement ps = c.prepareStatement("select count(*) from quarantined_record where node_id = ?")) {
        ps.setString(1, nodeId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          quarantined = rs.getLong(1);
        }
      }
      LastStatement statement = null;
      try (PreparedStatement ps = c.prepareStatement(
          "select statement_id, as_of_sequence, matched, reconciled_at from reconciliation where node_id = ? "
              + "order by reconciled_at desc limit 1")) {
        ps.setString(1, nodeId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            statement = new LastStatement(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
                rs.getObject(4, OffsetDateTime.class));
          }
        }
      }
      return Optional.of(new Status(nodeId, lastSequence, HexFormat.of().formatHex(hash), updated, lag(c, nodeId),
          quarantined, statement));
    }
  }

  /** Records on the bank's topic beyond the hub's stored offsets, or null when Kafka does not answer. */
  private Long lag(Connection c, String nodeId) throws SQLException {
    String topic = Topics.nodeOut(nodeId);
    Map<Integer, Long> consumed = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select partition, next_offset from consumed_offset where topic = ?")) {
      ps.setString(1, topic);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumed.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    try (Admin admin = clients.admin()) {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
          .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get(5, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition p : partitions) {
        lag += Math.max(0, ends.get(p).offset() - consumed.getOrDefault(p.partition(), 0L));
      }
      return lag;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }
}
