package org.tbx.hub.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.tbx.hub.ingest.ConsumedOffsets;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.protocol.Topics;

/**
 * How far the hub has come with one bank's stream: head, last statement, lag behind Kafka,
 * quarantine.
 */
@ApplicationScoped
public class StreamStatus {

  /**
   * A bank's stream as the hub sees it.
   *
   * @param lagRecords records on the bank's topic the hub has not committed yet; null when Kafka
   *     did not answer
   * @param quarantinedCount records and events of this bank the hub could not apply
   * @param suspendedReason why the hub stopped applying this bank's batches (a fork), or null
   */
  public record Status(
      String nodeId,
      long lastSequence,
      String lastBatchHashHex,
      Instant updatedAt,
      Long lagRecords,
      long quarantinedCount,
      LastStatement lastStatement,
      String suspendedReason) {}

  /** The bank's latest reconciled statement. */
  public record LastStatement(
      String statementId, long asOfSequence, boolean matched, Instant reconciledAt) {}

  private final NodeRegistry registry;
  private final Quarantine quarantine;
  private final ReconciliationRepository reconciliations;
  private final ConsumedOffsets offsets;
  private final KafkaClients clients;

  StreamStatus(
      NodeRegistry registry,
      Quarantine quarantine,
      ReconciliationRepository reconciliations,
      ConsumedOffsets offsets,
      KafkaClients clients) {
    this.registry = registry;
    this.quarantine = quarantine;
    this.reconciliations = reconciliations;
    this.offsets = offsets;
    this.clients = clients;
  }

  /**
   * @return the status of a registered bank's stream
   */
  public Optional<Status> of(String nodeId) {
    return registry
        .head(nodeId)
        .map(
            h ->
                new Status(
                    nodeId,
                    h.head().lastSequence(),
                    HexFormat.of().formatHex(h.head().lastBatchHash()),
                    h.updatedAt(),
                    lag(nodeId),
                    quarantine.count(nodeId),
                    reconciliations.list(nodeId, 0, 1).items().stream()
                        .findFirst()
                        .map(
                            r ->
                                new LastStatement(
                                    r.statementId(),
                                    r.asOfSequence(),
                                    r.matched(),
                                    r.reconciledAt()))
                        .orElse(null),
                    registry.suspension(nodeId).orElse(null)));
  }

  /**
   * Records on the bank's topic beyond the hub's stored offsets, or null when Kafka does not
   * answer.
   */
  private Long lag(String nodeId) {
    String topic = Topics.nodeOut(nodeId);
    Map<Integer, Long> consumed = offsets.ofTopic(topic);
    try (Admin admin = clients.settings().admin()) {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(5, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(5, TimeUnit.SECONDS);
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
