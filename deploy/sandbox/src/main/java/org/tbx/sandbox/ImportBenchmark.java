package org.tbx.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tbx.infra.InfraSettings;
import org.tbx.infra.Infrastructure;

/**
 * Times the CSV import of the same number of rows into a real adapter (with its hub, broker and
 * database) two ways in one run: one request per row, as before the bulk endpoint, and batches on
 * the bulk endpoint. Both run the import command as a clerk would, as a process, without waiting
 * for the hub's verdicts; each file has fresh rows.
 */
public final class ImportBenchmark {

  private static final String BANK = "bench-bank";

  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.SEVERE);
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path home = Path.of(System.getenv().getOrDefault("TBX_HOME", ".")).toAbsolutePath();
    Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
    Path work = Files.createTempDirectory("tbx-import-bench");
    SandboxTokens tokens = SandboxTokens.in(work.resolve("keys"));
    try (Infrastructure infra =
            Infrastructure.start(InfraSettings.fromEnvironment(), ImportBenchmark::say);
        Federation federation =
            Federation.start(
                home,
                infra,
                tokens,
                List.of(BANK),
                logDir,
                Duration.ofSeconds(180),
                m -> say("%s", m))) {
      AppProcess adapter = federation.adapters().get(0);
      String token = tokens.node(BANK);
      Path jar = home.resolve("node-adapter/target/quarkus-app/quarkus-run.jar");
      double perRow =
          run(
              jar,
              csv(work, "per-row", rows),
              adapter,
              token,
              "--batch-size",
              "1",
              "--parallel",
              "4");
      double bulk = run(jar, csv(work, "bulk", rows), adapter, token);
      say(
          "%,d rows: one request per row (4 in flight) %.1f s = %,.0f rows/s; bulk endpoint %.1f s"
              + " = %,.0f rows/s; %.1fx",
          rows, perRow, rows / perRow, bulk, rows / bulk, perRow / bulk);
    }
  }

  /** A CSV of fresh rows, with Chinese headers and staff names as a bank exports them. */
  private static Path csv(Path dir, String name, int rows) throws IOException {
    List<String> lines = new ArrayList<>(rows + 1);
    lines.add("志愿者编号,姓名,服务类别,服务对象,开始时间,分钟,记录人");
    for (int i = 0; i < rows; i++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s-v%d,王小明,助餐,elder-%d,2026-10-%02d %02d:%02d,%d,王老师",
              name,
              i % 500,
              i % 300,
              1 + i % 28,
              8 + i % 10,
              i % 60,
              30 + i % 60));
    }
    Path file = dir.resolve(name + ".csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * @return seconds the import command took, start to exit
   */
  private static double run(Path jar, Path csv, AppProcess adapter, String token, String... options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "import",
                csv.toString(),
                "--adapter",
                adapter.url(),
                "--token",
                token,
                "--no-wait"));
    command.addAll(List.of(options));
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(csv.resolveSibling(csv.getFileName() + ".out").toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "the import of "
              + csv
              + " failed: "
              + Files.readString(csv.resolveSibling(csv.getFileName() + ".out")));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    say(
        "%s: %s",
        csv.getFileName(),
        Files.readString(csv.resolveSibling(csv.getFileName() + ".out"))
            .lines()
            .filter(l -> l.contains(" rows, "))
            .findFirst()
            .orElse(""));
    return seconds;
  }

  private static void say(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
