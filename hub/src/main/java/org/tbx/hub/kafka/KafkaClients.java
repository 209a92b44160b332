package org.tbx.hub.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tbx.protocol.auth.KafkaLogin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.hub.config.HubConfig;

/** Builds the hub's Kafka clients from configuration, in one place. */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  /** SASL/SCRAM login settings when {@code tbx.kafka.user} is set, else none. */
  private final Map<String, Object> login;
  private final HubConfig config;

  KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, HubConfig config,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> user,
      @ConfigProperty(name = "tbx.kafka.password") Optional<String> password,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT") String securityProtocol) {
    this.login = user.map(u -> KafkaLogin.properties(u, password.orElse(""), securityProtocol)).orElse(Map.of());
    this.bootstrapServers = bootstrapServers;
    this.config = config;
  }

  /** The notice producer: idempotent, acks from all replicas, gives up quickly when the broker is away. */
  @Produces
  @ApplicationScoped
  Producer<String, byte[]> noticeProducer() {
    return new KafkaProducer<>(withLogin(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
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

  /** A short-lived admin client, for creating topics. */
  public Admin admin() {
    return Admin.create(withLogin(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)));
  }

  /**
   * A consumer of raw node batches. Offsets are never committed to Kafka: the hub stores them in
   * PostgreSQL in the transaction that applies the records.
   */
  public KafkaConsumer<byte[], byte[]> nodeStreamConsumer() {
    return new KafkaConsumer<>(withLogin(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.topicRefresh().toMillis(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
            // Every bank has its own single-partition topic: the default range assignor would give every
            // topic's partition 0 to the same instance. Sticky round-robin spreads banks across instances
            // and moves only what must move when one joins or leaves.
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
  }

  private Map<String, Object> withLogin(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.putAll(login);
    return all;
  }
}
