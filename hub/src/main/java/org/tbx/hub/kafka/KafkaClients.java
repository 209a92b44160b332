package org.tbx.hub.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.hub.config.HubConfig;
import org.tbx.kit.kafka.KafkaSettings;
import org.tbx.kit.kafka.TopicAdmin;

/** Builds the hub's Kafka clients from configuration, in one place. */
@ApplicationScoped
public class KafkaClients {

  private final KafkaSettings settings;
  private final HubConfig config;

  KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      HubConfig config,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> user,
      @ConfigProperty(name = "tbx.kafka.password") Optional<String> password,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT")
          String securityProtocol) {
    this.settings = new KafkaSettings(bootstrapServers, user, password, securityProtocol);
    this.config = config;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /**
   * The notice producer: idempotent, acks from all replicas, gives up quickly when the broker is
   * away.
   */
  @Produces
  @ApplicationScoped
  Producer<String, byte[]> noticeProducer() {
    return settings.batchProducer();
  }

  void close(@Disposes Producer<String, byte[]> producer) {
    producer.close();
  }

  @Produces
  @ApplicationScoped
  TopicAdmin topicAdmin() {
    return new TopicAdmin(settings);
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
