package org.tbx.node.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.kit.kafka.KafkaSettings;
import org.tbx.kit.kafka.TopicAdmin;

/** Builds the adapter's Kafka clients from configuration, in one place. */
@ApplicationScoped
public class KafkaClients {

  private final KafkaSettings settings;
  private final String nodeId;

  KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "tbx.node.id") String nodeId,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> user,
      @ConfigProperty(name = "tbx.kafka.password") Optional<String> password,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT")
          String securityProtocol) {
    this.settings = new KafkaSettings(bootstrapServers, user, password, securityProtocol);
    this.nodeId = nodeId;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /** The batch producer: idempotent with acks from all replicas (the shared settings). */
  @Produces
  @ApplicationScoped
  Producer<String, byte[]> batchProducer() {
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
   * A consumer of the hub's notices to this node; offsets are committed by hand after the answers
   * are stored.
   */
  public KafkaConsumer<byte[], byte[]> noticeConsumer() {
    return settings.consumer(
        "tbx-node-" + nodeId, Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000));
  }
}
