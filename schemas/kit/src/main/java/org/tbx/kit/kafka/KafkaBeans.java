package org.tbx.kit.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka beans both services build the same way from the same settings: {@code
 * kafka.bootstrap.servers} and the service's SASL/SCRAM login ({@code tbx.kafka.user}, {@code
 * tbx.kafka.password}, {@code tbx.kafka.security-protocol}), the batch producer and topic creation.
 */
@ApplicationScoped
public class KafkaBeans {

  @Produces
  @Singleton
  KafkaSettings settings(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> user,
      @ConfigProperty(name = "tbx.kafka.password") Optional<String> password,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT")
          String securityProtocol) {
    return new KafkaSettings(bootstrapServers, user, password, securityProtocol);
  }

  /** The one producer of sealed batches: idempotent, acks from all replicas. */
  @Produces
  @ApplicationScoped
  Producer<String, byte[]> batchProducer(KafkaSettings settings) {
    return settings.batchProducer();
  }

  void close(@Disposes Producer<String, byte[]> producer) {
    producer.close();
  }

  @Produces
  @Singleton
  TopicAdmin topicAdmin(KafkaSettings settings) {
    return new TopicAdmin(settings);
  }
}
