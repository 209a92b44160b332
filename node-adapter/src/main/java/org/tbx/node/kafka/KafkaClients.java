package org.tbx.node.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tbx.protocol.auth.KafkaLogin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the adapter's Kafka clients from configuration, in one place. */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  /** SASL/SCRAM login settings when {@code tbx.kafka.user} is set, else none. */
  private final Map<String, Object> login;
  private final String nodeId;

  KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, @ConfigProperty(name = "tbx.node.id") String nodeId,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> user,
      @ConfigProperty(name = "tbx.kafka.password") Optional<String> password,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT") String securityProtocol) {
    this.login = user.map(u -> KafkaLogin.properties(u, password.orElse(""), securityProtocol)).orElse(Map.of());
    this.bootstrapServers = bootstrapServers;
    this.nodeId = nodeId;
  }

  /**
   * The batch producer: idempotent with acks from all replicas, so a retried send never duplicates or
   * reorders; it gives up quickly when the broker is away and the relay retries on its next turn.
   */
  @Produces
  @ApplicationScoped
  Producer<String, byte[]> batchProducer() {
    return new KafkaProducer<>(withLogin(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.LINGER_MS_CONFIG, 5)),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  void close(@Disposes Producer<String, byte[]> producer) {
    producer.close();
  }

  /** A consumer of the hub's notices to this node; offsets are committed by hand after the answers are stored. */
  public KafkaConsumer<String, byte[]> noticeConsumer() {
    return new KafkaConsumer<>(withLogin(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "tbx-node-" + nodeId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000)),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** A consumer without a group, for reading the tail of the node's own topic. */
  public KafkaConsumer<String, byte[]> tailReader() {
    return new KafkaConsumer<>(withLogin(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** A short-lived admin client, for creating the node's topics. */
  public Admin admin() {
    return Admin.create(withLogin(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)));
  }

  private Map<String, Object> withLogin(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.putAll(login);
    return all;
  }
}
