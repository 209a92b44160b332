package org.tbx.hub.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.tbx.hub.config.HubConfig;
import org.tbx.kit.kafka.KafkaSettings;

/**
 * The hub's own Kafka clients; the producer and topic creation are the kit's ({@code KafkaBeans}).
 */
@ApplicationScoped
public class KafkaClients {

  private final KafkaSettings settings;
  private final HubConfig config;

  KafkaClients(KafkaSettings settings, HubConfig config) {
    this.settings = settings;
    this.config = config;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /**
   * A consumer of raw node batches. Offsets are never committed to Kafka: the hub stores them in
   * PostgreSQL in the transaction that applies the records.
   */
  public KafkaConsumer<byte[], byte[]> nodeStreamConsumer() {
    return settings.consumer(
        config.groupId(),
        Map.of(
            ConsumerConfig.METADATA_MAX_AGE_CONFIG,
            (int) config.topicRefresh().toMillis(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            500,
            // Every bank has its own single-partition topic: the default range assignor would give
            // every
            // topic's partition 0 to the same instance. Sticky round-robin spreads banks across
            // instances
            // and moves only what must move when one joins or leaves.
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            CooperativeStickyAssignor.class.getName()));
  }
}
