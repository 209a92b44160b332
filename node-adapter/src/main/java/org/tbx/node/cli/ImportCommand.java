package org.tbx.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a CSV of service records through a running adapter's API, so every row passes the same
 * validation and outbox as a record entered by hand. Each row's idempotency key comes from its
 * content (or its record_id), so running the import again on the same file adds nothing. Rows that
 * cannot be imported are written, with their line number and the reason, to a report; the import
 * never stops at a bad row.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Imports service records from a CSV file (UTF-8, first row = column names) through a running adapter.",
      "Columns (English or Chinese names): record_id/记录编号 (optional), volunteer_id/志愿者编号, "
          + "volunteer_name/姓名 (optional, never sent), service_category/服务类别 (code or Chinese name, e.g. 助餐), "
          + "recipient_ref/服务对象, started_at/开始时间, minutes/分钟, recorded_by/记录人 (optional).",
      "Exit codes: 0 every row imported (now or before), 1 some rows rejected (see the report), "
          + "2 the file or options are unusable, 3 some rows could not be sent (run again to retry them)."
    })
public class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file")
  Path file;

  @Option(
      names = "--adapter",
      paramLabel = "URL",
      defaultValue = "${env:TBX_ADAPTER_URL:-http://localhost:8090}",
      description = "the adapter's base URL (default: TBX_ADAPTER_URL or ${DEFAULT-VALUE})")
  URI adapter;

  @Option(
      names = "--token",
      paramLabel = "JWT",
      defaultValue = "${env:TBX_TOKEN}",
      description = "this bank's API token (role node; default: TBX_TOKEN)")
  String token;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "where rejected rows go (default: FILE.rejected.csv)")
  Path report;

  @Option(
      names = "--zone",
      defaultValue = "Asia/Shanghai",
      description =
          "time zone of started_at values written without an offset (default: ${DEFAULT-VALUE})")
  ZoneId zone;

  @Option(
      names = "--parallel",
      defaultValue = "4",
      description = "requests in flight at once (default: ${DEFAULT-VALUE})")
  int parallel;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  /** Where the summary and the progress bar go; standard out and error unless a caller chooses. */
  public void setStreams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** How one row ended. */
  enum Outcome {
    IMPORTED,
    ALREADY_IMPORTED,
    REJECTED,
    FAILED
  }

  private record Row(long line, CSVRecord record, String key, String json, String problem) {}

  private record Result(Outcome outcome, String reason) {}

  @Override
  public Integer call() throws Exception {
    if (parallel < 1 || parallel > 64) {
      err.println("--parallel must be within 1..64, was " + parallel);
      return 2;
    }
    if (token == null || token.isBlank()) {
      err.println(
          "--token (or TBX_TOKEN) is required: this bank's API token, role node (mint one with TokenTool)");
      return 2;
    }
    Path reportFile =
        report != null ? report : file.resolveSibling(file.getFileName() + ".rejected.csv");
    List<String> header;
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get()
            .parse(utf8(file))) {
      header = parser.getHeaderNames();
      CsvLayout layout;
      try {
        layout = new CsvLayout(header, zone);
      } catch (CsvLayout.BadRow e) {
        err.println(file + ": " + e.getMessage());
        return 2;
      }
      for (CSVRecord record : parser) {
        rows.add(row(layout, record));
      }
    } catch (CharacterCodingException e) {
      err.println(file + " is not UTF-8 text: save it as \"CSV UTF-8\" and try again");
      return 2;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }

    Progress progress = new Progress(rows.size(), err);
    List<Result> results = send(rows, progress);
    progress.finish();

    long rejected = 0;
    long failed = 0;
    try (Writer w = Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8);
        CSVPrinter printer = CSVFormat.RFC4180.print(w)) {
      List<String> reportHeader = new ArrayList<>(List.of("line", "reason"));
      reportHeader.addAll(header);
      printer.printRecord(reportHeader);
      for (int i = 0; i < rows.size(); i++) {
        Result r = results.get(i);
        if (r.outcome() == Outcome.REJECTED || r.outcome() == Outcome.FAILED) {
          List<String> line =
              new ArrayList<>(
                  List.of(
                      Long.toString(rows.get(i).line()),
                      (r.outcome() == Outcome.FAILED ? "NOT SENT, run again: " : "") + r.reason()));
          line.addAll(rows.get(i).record().toList());
          printer.printRecord(line);
          if (r.outcome() == Outcome.REJECTED) {
            rejected++;
          } else {
            failed++;
          }
        }
      }
    }
    out.printf(
        "%s: %d rows, %d imported, %d already imported, %d rejected, %d not sent; report: %s%n",
        file,
        rows.size(),
        progress.count(Outcome.IMPORTED),
        progress.count(Outcome.ALREADY_IMPORTED),
        rejected,
        failed,
        reportFile);
    return failed > 0 ? 3 : rejected > 0 ? 1 : 0;
  }

  private static Reader utf8(Path file) throws IOException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
    return new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static Row row(CsvLayout layout, CSVRecord record) {
    long line = record.getParser().getCurrentLineNumber();
    if (!record.isConsistent()) {
      return new Row(
          line,
          record,
          null,
          null,
          "the row has "
              + record.size()
              + " fields, the header has "
              + record.getParser().getHeaderNames().size());
    }
    Map<String, String> values = layout.values(record);
    try {
      String json = layout.toJson(values);
      String key =
          values.containsKey("record_id")
              ? "csv:" + values.get("record_id")
              : "csv:"
                  + sha256(
                      String.join(
                          "\u001f",
                          values.get("volunteer_id"),
                          values.get("service_category"),
                          values.get("recipient_ref"),
                          json.replaceAll(".*\"startedAt\":\"([^\"]+)\".*", "$1"),
                          values.get("minutes")));
      return new Row(line, record, key, json, null);
    } catch (CsvLayout.BadRow e) {
      return new Row(line, record, null, null, e.getMessage());
    }
  }

  private List<Result> send(List<Row> rows, Progress progress) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI endpoint = adapter.resolve("/api/v1/service-records");
    Semaphore inFlight = new Semaphore(parallel);
    List<CompletableFuture<Result>> futures = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.problem() != null) {
        Result r = new Result(Outcome.REJECTED, row.problem());
        progress.add(r.outcome());
        futures.add(CompletableFuture.completedFuture(r));
        continue;
      }
      inFlight.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", row.key())
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(row.json()))
              .build();
      futures.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .handle(
                  (response, failure) -> {
                    inFlight.release();
                    Result r =
                        failure != null
                            ? new Result(
                                Outcome.FAILED,
                                "the adapter at "
                                    + adapter
                                    + " could not be reached: "
                                    + failure.getMessage())
                            : result(response);
                    progress.add(r.outcome());
                    return r;
                  }));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static final Pattern MESSAGE = Pattern.compile("\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static Result result(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 201) {
      boolean replayed =
          response
              .headers()
              .firstValue("Idempotent-Replayed")
              .map(Boolean::parseBoolean)
              .orElse(false);
      return new Result(replayed ? Outcome.ALREADY_IMPORTED : Outcome.IMPORTED, null);
    }
    Matcher m = MESSAGE.matcher(response.body());
    String message =
        m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : response.body();
    if (status == 400 || status == 409) {
      return new Result(Outcome.REJECTED, message);
    }
    return new Result(Outcome.FAILED, "HTTP " + status + ": " + message);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
