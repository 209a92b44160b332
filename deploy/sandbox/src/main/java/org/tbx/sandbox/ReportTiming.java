package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tbx.infra.Infrastructure;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.StatementLine;

/**
 * Times the regulator's reports once a benchmark run filled the ledger: settlement since the first
 * transfer (kept incrementally) and for a period (a replay up to its end), and the reconciliation
 * of a statement of every volunteer the bank served, next to a plain API request and a full scan of
 * the transfers in the same run.
 */
final class ReportTiming {

  private static final int LINES_PER_PART = 10_000;

  private ReportTiming() {}

  static void measure(
      Infrastructure infra,
      AppProcess hub,
      String adminToken,
      String node,
      KeyPair keys,
      Benchmark.SealedStream stream,
      int events,
      int volunteers,
      LogProofTiming.Say say)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    say.say(
        "reports:  plain API request (GET /api/v1/hub/key) %.1f ms",
        best(() -> get(http, hub.url() + "/api/v1/hub/key", adminToken), 20));
    say.say("reports:  baseline, one full scan of the transfers in SQL: %.0f ms", scan(infra));
    String current = hub.url() + "/api/v1/settlement";
    for (int i = 1; i <= 3; i++) {
      long start = System.nanoTime();
      get(http, current, adminToken);
      say.say(
          "reports:  settlement since the first transfer (incremental), call %d: %.0f ms",
          i, (System.nanoTime() - start) / 1e6);
    }
    long start = System.nanoTime();
    HttpResponse<String> period = send(http, current + "?from=1970-01-01T00:00:00Z", adminToken);
    say.say(
        "reports:  settlement for a period from 1970 (replays every transfer): %.0f ms, HTTP %d",
        (System.nanoTime() - start) / 1e6, period.statusCode());
    reconcile(infra, hub, http, adminToken, node, keys, stream, events, volunteers, say);
  }

  /**
   * Sends a statement of every volunteer as of the last deposit (in parts of {@link
   * #LINES_PER_PART} lines) and times it until the hub shows its reconciliation.
   */
  private static void reconcile(
      Infrastructure infra,
      AppProcess hub,
      HttpClient http,
      String adminToken,
      String node,
      KeyPair keys,
      Benchmark.SealedStream stream,
      int events,
      int volunteers,
      LogProofTiming.Say say)
      throws Exception {
    long[] credited = new long[volunteers];
    for (long sequence = 1; sequence <= events; sequence++) {
      credited[(int) (sequence % volunteers)] += 30;
    }
    String statementId = UUID.randomUUID().toString();
    int parts = (volunteers + LINES_PER_PART - 1) / LINES_PER_PART;
    List<Object> payloads = new ArrayList<>();
    for (int part = 0; part < parts; part++) {
      List<StatementLine> lines = new ArrayList<>();
      for (int v = part * LINES_PER_PART;
          v < Math.min(volunteers, (part + 1) * LINES_PER_PART);
          v++) {
        lines.add(new StatementLine("v-" + v, credited[v], 0L));
      }
      payloads.add(
          new BalanceStatement(
              statementId,
              (long) events,
              part + 1,
              parts,
              new ControlTotals((long) events, 30L * events, 0L),
              lines));
    }
    Benchmark.SealedStream sealed =
        Benchmark.sealInBatches(
            node, keys, payloads, 1, Instant.now(), events + 1L, stream.lastHash());
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = Benchmark.producer(infra, 0)) {
      for (byte[] record : sealed.records()) {
        producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, record)).get();
      }
    }
    String url = hub.url() + "/api/v1/reconciliations/" + statementId;
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    HttpResponse<String> result = send(http, url, adminToken);
    while (result.statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        say.say("reports:  the statement was not reconciled within 15 minutes");
        return;
      }
      AppProcess.pause(Duration.ofMillis(50));
      result = send(http, url, adminToken);
    }
    say.say(
        "reports:  reconciliation of a statement of %,d volunteers over %,d transfers: %.0f ms"
            + " from publishing it to its result (matched: %s)",
        volunteers,
        events,
        (System.nanoTime() - start) / 1e6,
        result.body().contains("\"matched\":true"));
  }

  private static double scan(Infrastructure infra) throws Exception {
    double best = Double.MAX_VALUE;
    try (Connection db =
            DriverManager.getConnection(
                infra.postgres().jdbcUrl(),
                infra.postgres().username(),
                infra.postgres().password());
        Statement s = db.createStatement()) {
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        try (ResultSet rs =
            s.executeQuery("select count(*), sum(amount_minutes) from bench_hub.transfer")) {
          rs.next();
        }
        best = Math.min(best, (System.nanoTime() - start) / 1e6);
      }
    }
    return best;
  }

  /** Something timed. */
  private interface Call {
    void run() throws Exception;
  }

  private static double best(Call call, int times) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      call.run();
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
    }
    return best;
  }

  private static void get(HttpClient http, String url, String token) throws Exception {
    HttpResponse<String> r = send(http, url, token);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static HttpResponse<String> send(HttpClient http, String url, String token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofMinutes(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
