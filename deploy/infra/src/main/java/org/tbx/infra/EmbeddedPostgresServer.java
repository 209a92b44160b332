package org.tbx.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL 15 server from zonky's packaged binaries, as a child process on a free port.
 * One started with {@link #startRestartable()} can be stopped and started again on its data, as an
 * outage would.
 */
public final class EmbeddedPostgresServer implements PostgresService {

  private EmbeddedPostgres postgres;
  private final int port;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.port = postgres.getPort();
    this.dataDirectory = dataDirectory;
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
      return new EmbeddedPostgresServer(pg, null);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the embedded PostgreSQL server did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a server on a data directory of its own that {@link #restart()} keeps; {@link #close()}
   * deletes it.
   */
  public static EmbeddedPostgresServer startRestartable() {
    try {
      Path dir = Files.createTempDirectory("tbx-pg");
      return new EmbeddedPostgresServer(builder(dir, FreePorts.pick()).start(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the embedded PostgreSQL server did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the server as an outage would (its clients lose their connections), waits, and starts it
   * again on the same port and data.
   *
   * @throws IllegalStateException for a server not started with {@link #startRestartable()}
   */
  public synchronized void restart(Duration down) {
    if (dataDirectory == null) {
      throw new IllegalStateException("this server was not started restartable");
    }
    try {
      postgres.close();
      Thread.sleep(down.toMillis());
      postgres = builder(dataDirectory, port).start();
    } catch (IOException e) {
      throw new UncheckedIOException("restarting the embedded PostgreSQL server failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while PostgreSQL was down", e);
    }
  }

  private static EmbeddedPostgres.Builder builder(Path dir, int port) {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200");
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
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
  public synchronized void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping the embedded PostgreSQL server failed", e);
    } finally {
      if (dataDirectory != null) {
        Directories.deleteQuietly(dataDirectory);
      }
    }
  }
}
