package org.tbx.hub.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.hub.config.HubConfig;

/** Builds the hub's Kafka clients from configuration, in one place. */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  private final HubConfig config;

  KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, HubConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /**
   * A consumer of raw node batches. Offsets are never committed to Kafka: the hub stores them in
   * PostgreSQL in the transaction that applies the records.
   */
  public KafkaConsumer<byte[], byte[]> nodeStreamConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.topicRefresh().toMillis(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }
}
