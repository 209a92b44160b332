package org.tbx.infra;

/** One {@link Infrastructure} per JVM, started on first use and stopped when the JVM exits. */
public final class SharedInfrastructure {

  private static Infrastructure instance;

  private SharedInfrastructure() {}

  /** @return the running infrastructure, starting it from the environment's settings on first call */
  public static synchronized Infrastructure get() {
    if (instance == null) {
      Infrastructure started =
          Infrastructure.start(InfraSettings.fromEnvironment(), line -> System.err.println("[tbx-infra] " + line));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "tbx-infra-stop"));
      instance = started;
    }
    return instance;
  }
}
