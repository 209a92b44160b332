package org.tbx.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL 15 server from zonky's packaged binaries, as a child process on a free port.
 */
public final class EmbeddedPostgresServer implements PostgresService {

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server on a fresh data directory; it accepts the {@code postgres} user without a
   * password.
   */
  public static EmbeddedPostgresServer start() {
    return start(true);
  }

  /**
   * @param shutdownHook whether the server stops by itself when the JVM exits (false: its owner
   *     stops it, after what uses it)
   */
  public static EmbeddedPostgresServer start(boolean shutdownHook) {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setPort(FreePorts.pick())
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(shutdownHook)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .start();
      return new EmbeddedPostgresServer(pg);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the embedded PostgreSQL server did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public String username() {
    return "postgres";
  }

  @Override
  public String password() {
    return "postgres";
  }

  @Override
  public String description() {
    return "embedded PostgreSQL at " + jdbcUrl();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping the embedded PostgreSQL server failed", e);
    }
  }
}
