package org.tbx.infra;

import java.util.Map;
import java.util.Optional;

/**
 * Where the infrastructure comes from, read from the environment.
 *
 * <p>Explicit settings win ({@code TBX_KAFKA_BOOTSTRAP}; {@code TBX_DB_URL}, {@code TBX_DB_USER},
 * {@code TBX_DB_PASSWORD}; {@code TBX_KAFKA_ADMIN_USER} and {@code TBX_KAFKA_ADMIN_PASSWORD} for a
 * cluster with SASL/SCRAM authentication, as the super user that provisions principals and ACLs);
 * otherwise Testcontainers when a Docker engine answers; otherwise an embedded broker and server.
 * {@code TBX_INFRA=embedded} skips the Docker probe.
 */
public record InfraSettings(
    Optional<String> kafkaBootstrap,
    Optional<KafkaCredentials> kafkaAdmin,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    boolean probeDocker) {

  public static final String KAFKA_BOOTSTRAP = "TBX_KAFKA_BOOTSTRAP";
  public static final String KAFKA_ADMIN_USER = "TBX_KAFKA_ADMIN_USER";
  public static final String KAFKA_ADMIN_PASSWORD = "TBX_KAFKA_ADMIN_PASSWORD";
  public static final String DB_URL = "TBX_DB_URL";
  public static final String DB_USER = "TBX_DB_USER";
  public static final String DB_PASSWORD = "TBX_DB_PASSWORD";
  public static final String INFRA = "TBX_INFRA";

  /** Reads the settings from {@link System#getenv()}. */
  public static InfraSettings fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Reads the settings from a map shaped like the environment.
   *
   * @throws IllegalArgumentException when {@code TBX_INFRA} names an unknown mode or a database URL
   *     is not a PostgreSQL JDBC URL
   */
  public static InfraSettings from(Map<String, String> env) {
    Optional<String> kafka = nonBlank(env.get(KAFKA_BOOTSTRAP));
    Optional<String> db = nonBlank(env.get(DB_URL));
    db.ifPresent(
        url -> {
          if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                DB_URL
                    + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/timebank, was: "
                    + url);
          }
        });
    String mode = nonBlank(env.get(INFRA)).orElse("auto");
    if (!mode.equals("auto") && !mode.equals("embedded")) {
      throw new IllegalArgumentException(INFRA + " must be 'auto' or 'embedded', was: " + mode);
    }
    return new InfraSettings(
        kafka,
        nonBlank(env.get(KAFKA_ADMIN_USER))
            .map(user -> new KafkaCredentials(user, env.getOrDefault(KAFKA_ADMIN_PASSWORD, ""))),
        db,
        nonBlank(env.get(DB_USER)).orElse("timebank"),
        env.getOrDefault(DB_PASSWORD, ""),
        mode.equals("auto"));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
