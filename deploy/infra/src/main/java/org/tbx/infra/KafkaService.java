package org.tbx.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A reachable Kafka cluster: embedded, in a container, or configured from outside. */
public interface KafkaService extends AutoCloseable {

  /**
   * @return the bootstrap servers clients should use, e.g. {@code 127.0.0.1:40123}
   */
  String bootstrapServers();

  /**
   * @return the principal that may create users, topics and ACLs; empty when the cluster has no
   *     authentication (a Testcontainers broker, or a configured cluster without {@code
   *     TBX_KAFKA_ADMIN_USER})
   */
  default Optional<KafkaCredentials> superUser() {
    return Optional.empty();
  }

  /**
   * @return bootstrap servers and, when the cluster has authentication, the super user's login
   */
  default Map<String, Object> superUserClientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    superUser().ifPresent(u -> config.putAll(u.clientProperties()));
    return config;
  }

  /**
   * @return a one-line human description for progress output
   */
  String description();

  /** Stops what this service started; a no-op for a cluster it did not start. */
  @Override
  void close();
}
