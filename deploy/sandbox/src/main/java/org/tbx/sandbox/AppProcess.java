package org.tbx.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus application running as a child process, its output in a log file. */
final class AppProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private AppProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java -jar app} with the given environment on {@code port}.
   *
   * @throws IllegalStateException when the application has not been built
   */
  static AppProcess start(String name, Path app, int port, Map<String, String> env, Path logDir) {
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          app + " does not exist: build first with  mvn -B -DskipTests package");
    }
    Path log = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    // Extra JVM options for every application started, e.g. -XX:TieredStopAtLevel=1, which the
    // tests use: a third quicker to start, slower when it runs long (never for benchmarks).
    String extra = System.getenv().getOrDefault("TBX_SANDBOX_JVM_OPTIONS", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("-jar");
    command.add(app.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("TBX_HTTP_PORT", Integer.toString(port));
    try {
      return new AppProcess(name, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * @return the process's peak resident memory and, after a full collection, its live heap, in MB
   *     (Linux's {@code /proc} and the JDK's {@code jcmd})
   */
  String memory() {
    try {
      long peakKb =
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
              .filter(l -> l.startsWith("VmHWM:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
              .findFirst()
              .orElse(-1);
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      String pid = Long.toString(process.pid());
      new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
      Process info =
          new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
      String heap = new String(info.getInputStream().readAllBytes());
      info.waitFor();
      java.util.regex.Matcher used =
          java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
      long usedKb = 0;
      while (used.find()) {
        usedKb += Long.parseLong(used.group(2));
      }
      return String.format(
          java.util.Locale.ROOT,
          "peak resident %,d MB, live heap %,d MB",
          peakKb / 1024,
          usedKb / 1024);
    } catch (IOException e) {
      return "memory not readable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "memory not read: interrupted";
    }
  }

  /**
   * Waits until the application reports itself ready on {@code /q/health/ready}.
   *
   * @throws IllegalStateException when it exits or is not ready in time; the message quotes its log
   */
  void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      pause(Duration.ofMillis(300));
    }
    throw new IllegalStateException(
        name + " was not ready within " + timeout.toSeconds() + " s:\n" + tail());
  }

  /** The last lines of the log, to explain a failure. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()))
          + "\n(full log: "
          + log
          + ")";
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Kills the application at once (SIGKILL), as a power cut would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Asks the application to stop (SIGTERM), and forces it after 20 seconds. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void pause(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
