package org.tbx.infra;

import java.util.Map;

/**
 * One {@link Infrastructure} per JVM, started on first use and stopped when the JVM exits. Quarkus
 * loads this class again for each test profile, so the running servers are announced in system
 * properties and a later class loader connects to them instead of starting its own.
 */
public final class SharedInfrastructure {

  private static final String KAFKA = "tbx.infra.shared.kafka";
  private static final String KAFKA_ADMIN_USER = "tbx.infra.shared.kafka-admin-user";
  private static final String KAFKA_ADMIN_PASSWORD = "tbx.infra.shared.kafka-admin-password";
  private static final String DB_URL = "tbx.infra.shared.db-url";
  private static final String DB_USER = "tbx.infra.shared.db-user";
  private static final String DB_PASSWORD = "tbx.infra.shared.db-password";

  /**
   * The JVM-wide lock: a string constant is one object in the JVM's string pool, whichever class
   * loader loaded this class. (Locking the system properties instead deadlocked with Kafka's
   * logging, which reads them while the broker starts on a thread of its own.)
   */
  private static final String LOCK = "org.tbx.infra.SharedInfrastructure.lock";

  private static Infrastructure instance;

  private SharedInfrastructure() {}

  /**
   * @return the running infrastructure, starting it from the environment's settings on first call
   */
  public static Infrastructure get() {
    synchronized (LOCK) {
      if (instance != null) {
        return instance;
      }
      if (System.getProperty(KAFKA) != null) {
        instance =
            Infrastructure.start(
                InfraSettings.from(
                    Map.of(
                        InfraSettings.KAFKA_BOOTSTRAP, System.getProperty(KAFKA),
                        InfraSettings.KAFKA_ADMIN_USER, System.getProperty(KAFKA_ADMIN_USER, ""),
                        InfraSettings.KAFKA_ADMIN_PASSWORD,
                            System.getProperty(KAFKA_ADMIN_PASSWORD, ""),
                        InfraSettings.DB_URL, System.getProperty(DB_URL),
                        InfraSettings.DB_USER, System.getProperty(DB_USER),
                        InfraSettings.DB_PASSWORD, System.getProperty(DB_PASSWORD))),
                line -> {});
        return instance;
      }
      Infrastructure started =
          Infrastructure.start(
              InfraSettings.fromEnvironment(), line -> System.err.println("[tbx-infra] " + line));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tbx-infra-stop"));
      System.setProperty(KAFKA, started.kafka().bootstrapServers());
      started
          .kafka()
          .superUser()
          .ifPresent(
              u -> {
                System.setProperty(KAFKA_ADMIN_USER, u.user());
                System.setProperty(KAFKA_ADMIN_PASSWORD, u.password());
              });
      System.setProperty(DB_URL, started.postgres().jdbcUrl());
      System.setProperty(DB_USER, started.postgres().username());
      System.setProperty(DB_PASSWORD, started.postgres().password());
      instance = started;
      return instance;
    }
  }
}
