package org.tbx.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
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
 * Imports a CSV of service records (or, with {@code --kind}, of no-shows, assessments, courses or
 * benefits) through a running adapter's API, so every row passes the same validation and outbox as
 * a record entered by hand. Each row's idempotency key comes from its content (or its record_id),
 * so running the import again on the same file adds nothing. Rows that cannot be imported are
 * written, with their line number and the reason, to a report; the import never stops at a bad row.
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
      "With --kind, a report the hub answers itself, through the adapter: absences (爽约),"
          + " assessments (考核), courses (课程) or benefits (福利); a row without its own id gets one"
          + " derived from its content, so a second run answers \"already imported\".",
      "Exit codes: 0 every row imported (and, with --wait, accepted by the hub), 1 some rows rejected by"
          + " the adapter or the hub (see the report), 2 the file or options are unusable (nothing sent),"
          + " 3 some rows could not be sent (run again to retry them), 4 the hub has not answered every"
          + " row within --wait-timeout (run again later: nothing is sent twice)."
    })
public class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file")
  Path file;

  @Option(
      names = "--kind",
      defaultValue = "service-records",
      description =
          "what the file holds: service-records (default), or a report to the hub: absences,"
              + " assessments, courses, benefits (columns in the adapter's README)")
  String kind;

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

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description =
          "rows per request to the adapter's bulk endpoint, 1..1000 (default: ${DEFAULT-VALUE});"
              + " 1 sends one request per row")
  int batchSize;

  @Option(
      names = "--wait",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "wait for the hub's verdict on every row and report the rows it rejects (default);"
              + " --no-wait stops once the adapter has stored them")
  boolean waitForHub;

  @Option(
      names = "--wait-timeout",
      defaultValue = "PT10M",
      description = "how long to wait for the hub's verdicts (default: ${DEFAULT-VALUE})")
  Duration waitTimeout;

  @Option(
      names = "--encoding",
      defaultValue = "UTF-8",
      description =
          "the file's character set (default: ${DEFAULT-VALUE}); GB18030 reads GBK files from Excel")
  Charset encoding;

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

  /**
   * @param path the adapter's endpoint for the row
   * @param key the row's idempotency key, for a service record
   */
  private record Row(
      long line, CSVRecord record, String path, String key, String json, String problem) {}

  /**
   * @param eventId the submission's event, when the adapter stored the row
   */
  private record Result(Outcome outcome, String reason, String eventId) {
    Result(Outcome outcome, String reason) {
      this(outcome, reason, null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    if (parallel < 1 || parallel > 64) {
      err.println("--parallel must be within 1..64, was " + parallel);
      return 2;
    }
    if (batchSize < 1 || batchSize > 1000) {
      err.println("--batch-size must be within 1..1000, was " + batchSize);
      return 2;
    }
    Optional<ReportLayout.Kind> reportKind = ReportLayout.kind(kind);
    if (!kind.equals("service-records") && reportKind.isEmpty()) {
      err.println(
          "--kind must be service-records or one of "
              + ReportLayout.KINDS.stream().map(ReportLayout.Kind::name).toList()
              + ", was "
              + kind);
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
    CsvLayout layout = null;
    ReportLayout reports = null;
    CsvText words;
    String text;
    try {
      text = decode(file, encoding);
    } catch (CharacterCodingException e) {
      err.println(
          file
              + " is not "
              + encoding.name()
              + " text"
              + (encoding.equals(StandardCharsets.UTF_8) && readsAs(file, GB18030)
                  ? "; it reads as GB18030/GBK (Excel's usual Chinese CSV): save it as \"CSV UTF-8\""
                      + " or run again with --encoding GB18030 (文件不是 UTF-8 编码, 似为 GBK: 请另存为"
                      + " \"CSV UTF-8\" 或加 --encoding GB18030)"
                  : ": save it as \"CSV UTF-8\" and try again"));
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    if (text.isBlank()) {
      err.println(file + " is empty: the first row names the columns (文件为空: 第一行应为列名)");
      return 2;
    }
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get()
            .parse(new StringReader(text))) {
      header = parser.getHeaderNames();
      try {
        if (reportKind.isPresent()) {
          reports = new ReportLayout(reportKind.get(), header, zone);
          words = reports.text();
        } else {
          layout = new CsvLayout(header, zone);
          words = layout.text();
        }
      } catch (CsvLayout.BadRow e) {
        err.println(file + ": " + e.getMessage());
        return 2;
      }
      for (CSVRecord record : parser) {
        rows.add(reports != null ? reportRow(reports, record) : row(layout, record));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    if (rows.isEmpty()) {
      err.println(
          words.say(
              file + " has column names but no rows: nothing to import",
              file + " 只有列名, 没有数据行: 无可导入"));
      return 2;
    }

    Progress progress = new Progress(rows.size(), err);
    // A report is answered by the hub itself, through the adapter; a service record travels as an
    // event and its verdict comes later.
    boolean reportOnly = reports != null;
    List<Result> results =
        reportOnly
            ? send(rows, progress, r -> reportResult(r, words))
            : batchSize == 1
                ? send(rows, progress, ImportCommand::result)
                : sendInBatches(rows, progress, words);
    progress.finish();
    long unanswered = 0;
    long hubRejected = 0;
    long hubAccepted = 0;
    if (waitForHub && !reportOnly) {
      Map<String, String[]> verdicts = awaitHub(results);
      for (int i = 0; i < results.size(); i++) {
        Result r = results.get(i);
        if (r.eventId() == null) {
          continue;
        }
        String[] verdict = verdicts.get(r.eventId());
        if (verdict == null) {
          unanswered++;
        } else if (verdict[0].equals("REJECTED")) {
          hubRejected++;
          results.set(
              i,
              new Result(
                  Outcome.REJECTED,
                  words.say("rejected by the hub: ", "被中心拒绝: ")
                      + verdict[1]
                      + (verdict[2] == null ? "" : ": " + verdict[2]),
                  r.eventId()));
        } else {
          hubAccepted++;
        }
      }
    }

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
    if (waitForHub && !reportOnly) {
      out.printf(
          "the hub accepted %d rows, rejected %d (in the report), has not answered %d%n",
          hubAccepted, hubRejected, unanswered);
    }
    return failed > 0 ? 3 : rejected > 0 ? 1 : unanswered > 0 ? 4 : 0;
  }

  private static final Charset GB18030 = Charset.forName("GB18030");

  /** The most bytes one bulk request carries: below the adapter's 64 KB body limit. */
  private static final int MAX_BODY = 60_000;

  /** The file's text in the given character set, without a byte-order mark; strict. */
  private static String decode(Path file, Charset charset) throws IOException {
    String text =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean readsAs(Path file, Charset charset) {
    try {
      decode(file, charset);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends the rows in batches to the adapter's bulk endpoint, {@code --parallel} batches at a time.
   */
  private List<Result> sendInBatches(List<Row> rows, Progress progress, CsvText layout)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI endpoint = adapter.resolve("/api/v1/service-records/batch");
    Result[] results = new Result[rows.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).problem() != null) {
        results[i] = new Result(Outcome.REJECTED, rows.get(i).problem());
        progress.add(Outcome.REJECTED);
      } else {
        pending.add(i);
      }
    }
    Semaphore inFlight = new Semaphore(parallel);
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    int from = 0;
    while (from < pending.size()) {
      // As many rows as --batch-size allows and the adapter's 64 KB body limit takes.
      StringBuilder body = new StringBuilder("{\"items\":[");
      int bytes = body.length() + 2;
      int to = from;
      while (to < pending.size() && to - from < batchSize) {
        Row row = rows.get(pending.get(to));
        String item =
            (to == from ? "" : ",")
                + "{\"key\":"
                + CsvLayout.quote(row.key())
                + ",\"record\":"
                + row.json()
                + "}";
        int size = item.getBytes(StandardCharsets.UTF_8).length;
        if (to > from && bytes + size > MAX_BODY) {
          break;
        }
        bytes += size;
        body.append(item);
        to++;
      }
      body.append("]}");
      List<Integer> chunk = pending.subList(from, to);
      from = to;
      inFlight.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(120))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build();
      futures.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .handle(
                  (response, failure) -> {
                    inFlight.release();
                    List<Result> answered = batchResults(response, failure, chunk.size(), layout);
                    for (int k = 0; k < chunk.size(); k++) {
                      results[chunk.get(k)] = answered.get(k);
                      progress.add(answered.get(k).outcome());
                    }
                    return null;
                  }));
    }
    futures.forEach(CompletableFuture::join);
    return new ArrayList<>(Arrays.asList(results));
  }

  /** One outcome per row of a batch, from the bulk endpoint's answer. */
  private List<Result> batchResults(
      HttpResponse<String> response, Throwable failure, int size, CsvText layout) {
    String why;
    if (failure != null) {
      why = "the adapter at " + adapter + " could not be reached: " + failure.getMessage();
    } else if (response.statusCode() != 200) {
      Matcher m = MESSAGE.matcher(response.body());
      why = "HTTP " + response.statusCode() + ": " + (m.find() ? m.group(1) : response.body());
    } else {
      try {
        List<Result> out = new ArrayList<>(size);
        for (JsonNode r : JSON.readTree(response.body()).path("results")) {
          if (r.path("status").asInt() == 201) {
            out.add(
                new Result(
                    r.path("replayed").asBoolean() ? Outcome.ALREADY_IMPORTED : Outcome.IMPORTED,
                    null,
                    r.path("record").path("eventId").asText()));
          } else {
            JsonNode error = r.path("error");
            JsonNode fields = error.path("fields");
            String field = fields.isEmpty() ? null : fields.get(0).path("field").asText();
            String message = error.path("message").asText();
            out.add(
                new Result(
                    Outcome.REJECTED,
                    field == null ? message : layout.columnOf(field) + ": " + message));
          }
        }
        if (out.size() == size) {
          return out;
        }
        why = "the adapter answered " + out.size() + " results for " + size + " rows";
      } catch (IOException e) {
        why = "the adapter's answer could not be read: " + e.getMessage();
      }
    }
    List<Result> failed = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      failed.add(new Result(Outcome.FAILED, why));
    }
    return failed;
  }

  /**
   * Waits for the hub's verdict on every stored row, asking the adapter every second, showing how
   * many are answered.
   *
   * @return each answered event's status (ACCEPTED or REJECTED), reason and detail
   */
  private Map<String, String[]> awaitHub(List<Result> results) throws InterruptedException {
    List<String> waiting =
        results.stream().map(Result::eventId).filter(e -> e != null).distinct().toList();
    Map<String, String[]> verdicts = new HashMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI lookup = adapter.resolve("/api/v1/submissions/lookup");
    long deadline = System.nanoTime() + waitTimeout.toNanos();
    long shown = -1;
    while (verdicts.size() < waiting.size() && System.nanoTime() < deadline) {
      List<String> open = waiting.stream().filter(e -> !verdicts.containsKey(e)).toList();
      for (int from = 0; from < open.size(); from += 1000) {
        List<String> chunk = open.subList(from, Math.min(open.size(), from + 1000));
        try {
          HttpResponse<String> answer =
              http.send(
                  HttpRequest.newBuilder(lookup)
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + token)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              JSON.writeValueAsString(Map.of("eventIds", chunk))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          if (answer.statusCode() == 200) {
            for (JsonNode s : JSON.readTree(answer.body())) {
              String status = s.path("status").asText();
              if (status.equals("ACCEPTED") || status.equals("REJECTED")) {
                verdicts.put(
                    s.path("eventId").asText(),
                    new String[] {
                      status,
                      s.path("hubReason").isNull() ? null : s.path("hubReason").asText(),
                      s.path("hubDetail").isNull() ? null : s.path("hubDetail").asText()
                    });
              }
            }
          }
        } catch (IOException e) {
          // asked again on the next turn
        }
      }
      if (verdicts.size() != shown) {
        err.printf(
            "waiting for the hub: %d of %d rows answered%n", verdicts.size(), waiting.size());
        shown = verdicts.size();
      }
      if (verdicts.size() < waiting.size()) {
        Thread.sleep(1000);
      }
    }
    return verdicts;
  }

  private static Row row(CsvLayout layout, CSVRecord record) {
    long line = record.getParser().getCurrentLineNumber();
    if (!record.isConsistent()) {
      return new Row(line, record, null, null, null, inconsistent(record));
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
      return new Row(line, record, "/api/v1/service-records", key, json, null);
    } catch (CsvLayout.BadRow e) {
      return new Row(line, record, null, null, null, e.getMessage());
    }
  }

  private static Row reportRow(ReportLayout layout, CSVRecord record) {
    long line = record.getParser().getCurrentLineNumber();
    if (!record.isConsistent()) {
      return new Row(line, record, null, null, null, inconsistent(record));
    }
    try {
      ReportLayout.Request request = layout.request(record);
      return new Row(line, record, request.path(), null, request.json(), null);
    } catch (CsvLayout.BadRow e) {
      return new Row(line, record, null, null, null, e.getMessage());
    }
  }

  private static String inconsistent(CSVRecord record) {
    return "the row has "
        + record.size()
        + " fields, the header has "
        + record.getParser().getHeaderNames().size();
  }

  /** Sends one request per row, {@code --parallel} at a time. */
  private List<Result> send(
      List<Row> rows, Progress progress, Function<HttpResponse<String>, Result> answer)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
      HttpRequest.Builder request =
          HttpRequest.newBuilder(adapter.resolve(row.path()))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(row.json()));
      if (row.key() != null) {
        request.header("Idempotency-Key", row.key());
      }
      futures.add(
          http.sendAsync(
                  request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
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
                            : answer.apply(response);
                    progress.add(r.outcome());
                    return r;
                  }));
    }
    return new ArrayList<>(futures.stream().map(CompletableFuture::join).toList());
  }

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

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
      Matcher event = EVENT_ID.matcher(response.body());
      return new Result(
          replayed ? Outcome.ALREADY_IMPORTED : Outcome.IMPORTED,
          null,
          event.find() ? event.group(1) : null);
    }
    Matcher m = MESSAGE.matcher(response.body());
    String message =
        m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : response.body();
    if (status == 400 || status == 409) {
      return new Result(Outcome.REJECTED, message);
    }
    return new Result(Outcome.FAILED, "HTTP " + status + ": " + message);
  }

  /**
   * A report's answer: 201 imported, 200 sent before, a refusal with the hub's (or the adapter's)
   * code and message naming the column, anything else not sent.
   */
  private static Result reportResult(HttpResponse<String> response, CsvText words) {
    int status = response.statusCode();
    if (status == 201 || status == 200) {
      return new Result(status == 201 ? Outcome.IMPORTED : Outcome.ALREADY_IMPORTED, null);
    }
    String why;
    try {
      JsonNode error = JSON.readTree(response.body());
      JsonNode fields = error.path("fields");
      why =
          (fields.isEmpty() ? "" : words.columnOf(fields.get(0).path("field").asText()) + ": ")
              + error.path("error").asText()
              + ": "
              + error.path("message").asText();
    } catch (IOException e) {
      why = response.body();
    }
    if (status == 400 || status == 403 || status == 404 || status == 409) {
      return new Result(Outcome.REJECTED, why);
    }
    return new Result(Outcome.FAILED, "HTTP " + status + ": " + why);
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
