package org.tbx.kit.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tbx.protocol.auth.KafkaLogin;

/**
 * The Kafka client settings both services use: the bootstrap servers, the SASL/SCRAM login when a
 * user is set, and one behaviour for producers (idempotent, acks from all replicas), readers and
 * admin clients.
 */
public final class KafkaSettings {

  private final String bootstrapServers;
  private final Map<String, Object> login;

  /**
   * @param user the service's Kafka principal; empty for a broker without authentication
   * @param securityProtocol {@code SASL_PLAINTEXT}, or {@code SASL_SSL} over a network
   */
  public KafkaSettings(
      String bootstrapServers,
      Optional<String> user,
      Optional<String> password,
      String securityProtocol) {
    this.bootstrapServers = bootstrapServers;
    this.login =
        user.filter(u -> !u.isBlank())
            .map(u -> KafkaLogin.properties(u, password.orElse(""), securityProtocol))
            .orElse(Map.of());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * A producer of sealed batches: idempotent with acks from all replicas, so a retried send never
   * duplicates or reorders; it gives up quickly when the broker is away and its caller retries on
   * its next turn.
   */
  public Producer<String, byte[]> batchProducer() {
    return new KafkaProducer<>(
        with(
            Map.of(
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

  /**
   * A consumer of raw records in a group; offsets are never committed automatically.
   *
   * @param extra settings of this consumer, e.g. its assignment strategy
   */
  public KafkaConsumer<byte[], byte[]> consumer(String groupId, Map<String, Object> extra) {
    Map<String, Object> settings =
        new HashMap<>(
            Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // An idle fetch waits 100 ms, not Kafka's 500: a fetch in flight delays the first
                // read of a partition assigned meanwhile, so a new bank's first batch, or a notice,
                // waited up to half a second per hop. The price is ten empty fetches a second.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                100));
    settings.putAll(extra);
    return new KafkaConsumer<>(
        with(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A consumer without a group, for reading the tail of a topic. */
  public KafkaConsumer<byte[], byte[]> reader() {
    return new KafkaConsumer<>(
        with(
            Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000)),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * A short-lived admin client, for topics, offsets and (with an admin login) principals and ACLs.
   */
  public Admin admin() {
    return Admin.create(
        with(
            Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)));
  }

  /**
   * @return the settings given, with the bootstrap servers and the login
   */
  public Map<String, Object> with(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("bootstrap.servers", bootstrapServers);
    all.putAll(login);
    return all;
  }
}
