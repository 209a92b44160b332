package org.tbx.infra;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    // An embedded or container broker starts on a thread of its own while PostgreSQL starts here:
    // neither waits for the other (about 3 s less on two cores).
    CompletableFuture<KafkaService> starting = null;
    if (settings.kafkaBootstrap().isEmpty()) {
      progress.accept("starting Kafka ...");
      boolean containers = docker;
      starting =
          CompletableFuture.supplyAsync(
              () -> containers ? ContainerServices.kafka() : EmbeddedKafkaBroker.start(),
              task -> {
                Thread t = new Thread(task, "tbx-kafka-start");
                t.setDaemon(true);
                t.start();
              });
    }
    PostgresService postgres;
    try {
      if (settings.dbUrl().isPresent()) {
        postgres =
            new ExternalPostgres(settings.dbUrl().get(), settings.dbUser(), settings.dbPassword());
      } else {
        progress.accept("starting PostgreSQL ...");
        postgres =
            docker ? ContainerServices.postgres() : EmbeddedPostgresServer.start(!ownerStops);
      }
    } catch (RuntimeException e) {
      if (starting != null) {
        starting.thenAccept(KafkaService::close);
      }
      throw e;
    }
    progress.accept("PostgreSQL: " + postgres.description());
    KafkaService kafka;
    try {
      kafka =
          starting == null
              ? new ExternalKafka(settings.kafkaBootstrap().get(), settings.kafkaAdmin())
              : started(starting);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    progress.accept("Kafka: " + kafka.description());
    return new Infrastructure(kafka, postgres);
  }

  private static KafkaService started(CompletableFuture<KafkaService> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
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
