package org.tbx.infra;

/** A reachable PostgreSQL server: embedded, in a container, or configured from outside. */
public interface PostgresService extends AutoCloseable {

  /**
   * @return the JDBC URL of the database the applications should use (no schema parameter)
   */
  String jdbcUrl();

  String username();

  String password();

  /**
   * @return a one-line human description for progress output
   */
  String description();

  /** Stops what this service started; a no-op for a server it did not start. */
  @Override
  void close();
}
