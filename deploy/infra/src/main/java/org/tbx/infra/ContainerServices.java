package org.tbx.infra;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka and PostgreSQL in containers, for machines where a Docker engine answers. */
final class ContainerServices {

  static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
  static final String POSTGRES_IMAGE = "postgres:15";

  private ContainerServices() {}

  /**
   * Testcontainers logs a multi-line error when no engine answers; our own progress line says it in
   * one. Held here because java.util.logging keeps loggers only weakly.
   */
  private static final Logger PROBE_LOG = Logger.getLogger("org.testcontainers.dockerclient");

  /**
   * @return whether a Docker engine answers (Testcontainers caches the answer)
   */
  static boolean dockerAvailable() {
    PROBE_LOG.setLevel(Level.OFF);
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    } finally {
      PROBE_LOG.setLevel(null);
    }
  }

  static KafkaService kafka() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
    container.start();
    return new KafkaService() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public String description() {
        return "Kafka container " + KAFKA_IMAGE + " at " + container.getBootstrapServers();
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }

  static PostgresService postgres() {
    PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
    container.start();
    return new PostgresService() {
      @Override
      public String jdbcUrl() {
        return container.getJdbcUrl();
      }

      @Override
      public String username() {
        return container.getUsername();
      }

      @Override
      public String password() {
        return container.getPassword();
      }

      @Override
      public String description() {
        return "PostgreSQL container " + POSTGRES_IMAGE + " at " + container.getJdbcUrl();
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }
}
