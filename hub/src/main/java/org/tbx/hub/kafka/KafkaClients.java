package org.tbx.hub.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
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
    Map<String, Object> extra = new HashMap<>();
    extra.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.topicRefresh().toMillis());
    extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    // Every bank has its own single-partition topic: the default range assignor would give every
    // topic's partition 0 to the same instance. Sticky round-robin spreads banks across instances
    // and moves only what must move when one joins or leaves.
    extra.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    // An instance that died holds its banks until the broker misses its heartbeats this long
    // (Kafka's default is 45 s, which a crashed hub's banks would wait).
    extra.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
    extra.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.max(1000, config.sessionTimeout().toMillis() / 3));
    // With a stable instance id, a restarted instance takes its banks back at once.
    config
        .instanceId()
        .filter(id -> !id.isBlank())
        .ifPresent(id -> extra.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    return settings.consumer(config.groupId(), extra);
  }
}
