package org.tbx.infra;

/** A reachable Kafka cluster: embedded, in a container, or configured from outside. */
public interface KafkaService extends AutoCloseable {

  /** @return the bootstrap servers clients should use, e.g. {@code 127.0.0.1:40123} */
  String bootstrapServers();

  /** @return a one-line human description for progress output */
  String description();

  /** Stops what this service started; a no-op for a cluster it did not start. */
  @Override
  void close();
}
