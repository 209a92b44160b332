package org.tbx.infra;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Kafka cluster and PostgreSQL server the federation runs on, chosen in this order: explicit
 * settings, Testcontainers when a Docker engine answers, embedded.
 */
public final class Infrastructure implements AutoCloseable {

  private final KafkaService kafka;
  private final PostgresService postgres;

  private Infrastructure(KafkaService kafka, PostgresService postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  /**
   * Brings up (or connects to) Kafka and PostgreSQL.
   *
   * @param settings where each service comes from
   * @param progress receives one line per step, for people watching a slow start
   */
  public static Infrastructure start(InfraSettings settings, Consumer<String> progress) {
    return start(settings, progress, false);
  }

  /**
   * @param ownerStops true when the caller stops the infrastructure itself, in its own order, also
   *     when the JVM is asked to exit: the embedded PostgreSQL server then registers no shutdown
   *     hook of its own that would stop it while the caller's services still use it
   */
  public static Infrastructure start(
      InfraSettings settings, Consumer<String> progress, boolean ownerStops) {
    boolean docker = false;
    if (settings.probeDocker()
        && (settings.kafkaBootstrap().isEmpty() || settings.dbUrl().isEmpty())) {
      docker = ContainerServices.dockerAvailable();
      progress.accept(
          docker
              ? "Docker engine found: using Testcontainers"
              : "no Docker engine: using embedded servers");
    }
    PostgresService postgres;
    if (settings.dbUrl().isPresent()) {
      postgres =
          new ExternalPostgres(settings.dbUrl().get(), settings.dbUser(), settings.dbPassword());
    } else {
      progress.accept("starting PostgreSQL ...");
      postgres = docker ? ContainerServices.postgres() : EmbeddedPostgresServer.start(!ownerStops);
    }
    progress.accept("PostgreSQL: " + postgres.description());
    KafkaService kafka;
    try {
      if (settings.kafkaBootstrap().isPresent()) {
        kafka = new ExternalKafka(settings.kafkaBootstrap().get(), settings.kafkaAdmin());
      } else {
        progress.accept("starting Kafka ...");
        kafka = docker ? ContainerServices.kafka() : EmbeddedKafkaBroker.start();
      }
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    progress.accept("Kafka: " + kafka.description());
    return new Infrastructure(kafka, postgres);
  }

  public KafkaService kafka() {
    return kafka;
  }

  public PostgresService postgres() {
    return postgres;
  }

  /**
   * Stops whatever this instance started, Kafka first so no client writes to a stopping database.
   */
  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }

  /** A Kafka cluster someone else runs. */
  private record ExternalKafka(String bootstrapServers, Optional<KafkaCredentials> superUser)
      implements KafkaService {
    @Override
    public String description() {
      return "configured Kafka at "
          + bootstrapServers
          + " ("
          + InfraSettings.KAFKA_BOOTSTRAP
          + superUser.map(u -> ", SASL/SCRAM as " + u.user()).orElse(", no authentication")
          + ")";
    }

    @Override
    public void close() {}
  }

  /** A PostgreSQL server someone else runs. */
  private record ExternalPostgres(String jdbcUrl, String username, String password)
      implements PostgresService {
    @Override
    public String description() {
      return "configured PostgreSQL at " + jdbcUrl + " (" + InfraSettings.DB_URL + ")";
    }

    @Override
    public String toString() {
      return description();
    }

    @Override
    public void close() {}
  }
}
