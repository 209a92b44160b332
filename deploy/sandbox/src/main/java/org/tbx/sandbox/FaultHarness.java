package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tbx.infra.EmbeddedKafkaBroker;
import org.tbx.infra.EmbeddedPostgresServer;
import org.tbx.infra.FreePorts;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;

/**
 * Faults survived, measured: banks publish signed deposit batches straight to Kafka, every batch
 * sent three times, while the hub is killed with SIGKILL again and again (and started again), the
 * broker is stopped and started, and PostgreSQL is stopped and started. Afterwards every event must
 * have been applied exactly once, every balance must be what the load adds up to, debits must equal
 * credits, nothing may be quarantined or left in the notice outbox, and the transparency log must
 * audit clean.
 *
 * <pre>
 * java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.FaultHarness [events] [hubKills] [banks]
 * </pre>
 */
public final class FaultHarness {

  private static final int PER_BATCH = 100;
  private static final int VOLUNTEERS = 1_000;
  private static final int MINUTES = 30;
  private static final String SCHEMA = "fault_hub";

  /** A fault injected, and how far the hub had got. */
  record Fault(String what, long appliedBefore, double secondsDown) {}

  /** A check made afterwards. */
  record Check(String what, boolean passed, String found) {}

  /** What happened and what was found. */
  record Report(int events, int banks, List<Fault> faults, List<Check> checks, double seconds) {
    boolean passed() {
      return checks.stream().allMatch(Check::passed);
    }

    List<String> table() {
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              Locale.ROOT,
              "%,d deposit events from %d banks in batches of %d, each batch sent 3 times; %.1f s",
              events,
              banks,
              PER_BATCH,
              seconds));
      lines.add("| fault injected | applied events before it | down (s) |");
      lines.add("|---|---|---|");
      for (Fault f : faults) {
        lines.add(
            String.format(
                Locale.ROOT, "| %s | %,d | %.1f |", f.what(), f.appliedBefore(), f.secondsDown()));
      }
      lines.add("");
      lines.add("| check | result | found |");
      lines.add("|---|---|---|");
      for (Check c : checks) {
        lines.add(
            "| " + c.what() + " | " + (c.passed() ? "PASS" : "FAIL") + " | " + c.found() + " |");
      }
      return lines;
    }
  }

  private FaultHarness() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.SEVERE);
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int banks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path home = Path.of(System.getenv().getOrDefault("TBX_HOME", ".")).toAbsolutePath();
    Report report = run(home, events, kills, banks, Duration.ofSeconds(5), FaultHarness::say);
    report.table().forEach(FaultHarness::say);
    System.exit(report.passed() ? 0 : 1);
  }

  /**
   * Runs the load and the faults on embedded Kafka and PostgreSQL with the hub as a process.
   *
   * @param home the repository root, holding the built hub
   * @param down how long the broker and the database stay down
   */
  static Report run(
      Path home, int events, int kills, int banks, Duration down, Consumer<String> say)
      throws Exception {
    long begin = System.nanoTime();
    Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
    say.accept(
        String.format(
            Locale.ROOT,
            "%,d events, %d banks, %d hub kills, a broker restart, a PostgreSQL restart",
            events,
            banks,
            kills));
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.startRestartable();
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      SandboxTokens tokens = SandboxTokens.in(Files.createTempDirectory("tbx-fault-keys"));
      Map<String, String> env = new HashMap<>();
      env.put("TBX_DB_URL", pg.jdbcUrl());
      env.put("TBX_DB_USER", pg.username());
      env.put("TBX_DB_PASSWORD", pg.password());
      env.put("TBX_DB_SCHEMA", SCHEMA);
      env.put("TBX_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
      env.put("TBX_KAFKA_USER", kafka.superUser().orElseThrow().user());
      env.put("TBX_KAFKA_PASSWORD", kafka.superUser().orElseThrow().password());
      env.put("TBX_JWT_PUBLIC_KEY", tokens.verifyKey().toString());
      env.put("TBX_HUB_RETRY_BACKOFF", "PT0.5S");
      // a restarted hub takes its banks back at once (static membership), as a hub with a stable
      // name does
      env.put("TBX_HUB_INSTANCE_ID", "fault-hub-1");
      Path hubJar = home.resolve("hub/target/quarkus-app/quarkus-run.jar");
      AtomicReference<AppProcess> hub =
          new AtomicReference<>(
              AppProcess.start("fault-hub", hubJar, FreePorts.pick(), env, logDir));
      try {
        hub.get().awaitReady(Duration.ofSeconds(120));
        List<String> nodes = new ArrayList<>();
        List<List<byte[]>> records = new ArrayList<>();
        long[] expected = new long[VOLUNTEERS];
        for (int b = 0; b < banks; b++) {
          String node = "fault-" + b + "-" + UUID.randomUUID().toString().substring(0, 6);
          KeyPair keys = Ed25519Keys.generate();
          Benchmark.register(hub.get(), node, keys, tokens.admin());
          int share = events / banks + (b < events % banks ? 1 : 0);
          nodes.add(node);
          records.add(Benchmark.seal(node, keys, share, PER_BATCH, VOLUNTEERS));
          for (long seq = 1; seq <= share; seq++) {
            expected[(int) (seq % VOLUNTEERS)] += MINUTES;
          }
        }
        say.accept("sealed the banks' batches; publishing while the faults run");
        // At most this many events are published ahead of what the hub applied, so every fault
        // finds records waiting, whatever the size of the run.
        int window = Math.max(2 * PER_BATCH, Math.min(20_000, events / (kills + 4)));
        Publisher publisher = new Publisher(kafka, pg, nodes, records, window);
        Thread sending = new Thread(publisher, "fault-publisher");
        sending.start();
        List<Fault> faults = inject(pg, kafka, hub, env, hubJar, logDir, events, kills, down, say);
        sending.join(Duration.ofMinutes(30).toMillis());
        if (publisher.failure != null) {
          throw new IllegalStateException("publishing failed", publisher.failure);
        }
        awaitApplied(pg, events, say);
        List<Check> checks = check(pg, hub.get(), tokens, nodes, records, expected, events);
        return new Report(events, banks, faults, checks, (System.nanoTime() - begin) / 1e9);
      } finally {
        hub.get().close();
      }
    }
  }

  /**
   * The faults, each when the hub has applied the next share of the load: the hub killed {@code
   * kills} times, the broker stopped in the middle, PostgreSQL stopped at three quarters.
   */
  private static List<Fault> inject(
      EmbeddedPostgresServer pg,
      EmbeddedKafkaBroker kafka,
      AtomicReference<AppProcess> hub,
      Map<String, String> env,
      Path hubJar,
      Path logDir,
      int events,
      int kills,
      Duration down,
      Consumer<String> say)
      throws Exception {
    Random random = new Random(42);
    List<Long> at = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      double share = (k + 0.5 + 0.4 * random.nextDouble()) / (kills + 1);
      at.add((long) (share * events));
      what.add("hub killed (SIGKILL), started again");
    }
    at.add(events / 2L + 1);
    what.add("Kafka broker stopped, started again");
    at.add(events * 3L / 4 + 1);
    what.add("PostgreSQL stopped, started again");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < at.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(at.get(a), at.get(b)));
    List<Fault> faults = new ArrayList<>();
    for (int i : order) {
      long applied = awaitAppliedAtLeast(pg, at.get(i));
      long start = System.nanoTime();
      String fault = what.get(i);
      if (fault.startsWith("hub")) {
        hub.get().kill();
        hub.set(AppProcess.start("fault-hub", hubJar, FreePorts.pick(), env, logDir));
        hub.get().awaitReady(Duration.ofSeconds(120));
      } else if (fault.startsWith("Kafka")) {
        kafka.stop();
        AppProcess.pause(down);
        kafka.restart();
      } else {
        pg.restart(down);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      say.accept(String.format(Locale.ROOT, "%s at %,d applied (%.1f s)", fault, applied, seconds));
      faults.add(new Fault(fault, applied, seconds));
    }
    return faults;
  }

  /**
   * Sends every bank's batches in turn, each one again after the next, and all once more at the
   * end; it keeps no more than a window of events ahead of the hub.
   */
  private static final class Publisher implements Runnable {
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedPostgresServer pg;
    private final List<String> nodes;
    private final List<List<byte[]>> records;
    private final int window;
    private volatile Exception failure;

    Publisher(
        EmbeddedKafkaBroker kafka,
        EmbeddedPostgresServer pg,
        List<String> nodes,
        List<List<byte[]>> records,
        int window) {
      this.kafka = kafka;
      this.pg = pg;
      this.nodes = nodes;
      this.records = records;
      this.window = window;
    }

    @Override
    public void run() {
      Map<String, Object> config = kafka.superUserClientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
        int most = records.stream().mapToInt(List::size).max().orElse(0);
        long sent = 0;
        for (int i = 0; i < most; i++) {
          while (sent - appliedOrMinusOne(pg) > window) {
            producer.flush();
            AppProcess.pause(Duration.ofMillis(50));
          }
          for (int b = 0; b < nodes.size(); b++) {
            List<byte[]> bank = records.get(b);
            if (i < bank.size()) {
              send(producer, b, bank.get(i));
              sent += PER_BATCH;
              if (i > 0) {
                send(producer, b, bank.get(i - 1)); // a replay, after the batch that follows it
              }
            }
          }
        }
        for (int b = 0; b < nodes.size(); b++) {
          for (byte[] record : records.get(b)) {
            send(producer, b, record); // everything once more
          }
        }
        producer.flush();
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    private void send(KafkaProducer<String, byte[]> producer, int bank, byte[] record) {
      String node = nodes.get(bank);
      producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, record));
    }
  }

  private static long awaitAppliedAtLeast(EmbeddedPostgresServer pg, long count) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (System.nanoTime() < deadline) {
      long applied = appliedOrMinusOne(pg);
      if (applied >= count) {
        return applied;
      }
      AppProcess.pause(Duration.ofMillis(100));
    }
    throw new IllegalStateException("the hub did not reach " + count + " applied events");
  }

  private static void awaitApplied(EmbeddedPostgresServer pg, int events, Consumer<String> say) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    long reported = System.nanoTime();
    long applied = -1;
    while (System.nanoTime() < deadline) {
      applied = appliedOrMinusOne(pg);
      if (applied >= events && outboxEmpty(pg)) {
        return;
      }
      if (System.nanoTime() - reported > 10e9) {
        say.accept(String.format(Locale.ROOT, "... %,d of %,d applied", applied, events));
        reported = System.nanoTime();
      }
      AppProcess.pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "the hub applied " + applied + " of " + events + " events within 30 minutes");
  }

  /**
   * @return the events the hub accepted so far (the banks' stream heads: three rows, however long
   *     the run), -1 while the database cannot tell
   */
  private static long appliedOrMinusOne(EmbeddedPostgresServer pg) {
    try (Connection db = connect(pg)) {
      return number(db, "select coalesce(sum(last_sequence), 0) from " + SCHEMA + ".node_stream");
    } catch (SQLException e) {
      return -1; // not migrated yet, or the database is down
    }
  }

  private static boolean outboxEmpty(EmbeddedPostgresServer pg) {
    try (Connection db = connect(pg)) {
      return number(db, "select count(*) from " + SCHEMA + ".notice_outbox") == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  private static List<Check> check(
      EmbeddedPostgresServer pg,
      AppProcess hub,
      SandboxTokens tokens,
      List<String> nodes,
      List<List<byte[]>> records,
      long[] expected,
      int events)
      throws Exception {
    List<Check> checks = new ArrayList<>();
    try (Connection db = connect(pg)) {
      String s = SCHEMA + ".";
      long applied =
          number(db, "select count(*) from " + s + "processed_event where outcome = 'APPLIED'");
      long all = number(db, "select count(*) from " + s + "processed_event");
      checks.add(
          new Check(
              "every event applied, each once",
              applied == events && all == events,
              String.format(
                  Locale.ROOT, "%,d applied, %,d processed of %,d", applied, all, events)));
      long deposits =
          number(db, "select count(*) from " + s + "transfer where code = 'SERVICE_RECORDED'");
      checks.add(
          new Check(
              "one deposit transfer per event (none posted twice)",
              deposits == events,
              String.format(Locale.ROOT, "%,d transfers", deposits)));
      long wrong = 0;
      String example = "";
      try (Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select id, credits_posted - debits_posted from "
                      + s
                      + "account where kind = 'VOLUNTEER'")) {
        Map<String, Long> balances = new HashMap<>();
        while (rs.next()) {
          balances.put(rs.getString(1), rs.getLong(2));
        }
        for (int v = 0; v < VOLUNTEERS; v++) {
          long found = balances.getOrDefault("volunteer:v-" + v, 0L);
          if (found != expected[v]) {
            wrong++;
            example = "v-" + v + ": " + found + " instead of " + expected[v];
          }
        }
      }
      checks.add(
          new Check(
              "every balance is what the load adds up to",
              wrong == 0,
              wrong == 0 ? VOLUNTEERS + " volunteers" : wrong + " differ, e.g. " + example));
      long debits = number(db, "select coalesce(sum(debits_posted), 0) from " + s + "account");
      long credits = number(db, "select coalesce(sum(credits_posted), 0) from " + s + "account");
      checks.add(
          new Check(
              "debits equal credits",
              debits == credits && debits == (long) MINUTES * events,
              String.format(Locale.ROOT, "%,d = %,d minutes", debits, credits)));
      long quarantined = number(db, "select count(*) from " + s + "quarantined_record");
      checks.add(
          new Check(
              "nothing quarantined (replays are harmless)",
              quarantined == 0,
              quarantined + " records"));
      long outbox = number(db, "select count(*) from " + s + "notice_outbox");
      checks.add(new Check("notice outbox empty", outbox == 0, outbox + " waiting"));
      long heads = 0;
      for (int b = 0; b < nodes.size(); b++) {
        long last =
            number(
                db,
                "select last_sequence from "
                    + s
                    + "node_stream where node_id = '"
                    + nodes.get(b)
                    + "'");
        heads += last;
      }
      checks.add(
          new Check(
              "every bank's stream head at its last sequence", heads == events, heads + " in all"));
      long leaves = number(db, "select count(*) from " + s + "log_leaf");
      checks.add(
          new Check(
              "one log leaf per event",
              leaves == events,
              String.format(Locale.ROOT, "%,d leaves", leaves)));
    }
    HttpResponse<String> audit =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/log/audit"))
                    .header("Authorization", "Bearer " + tokens.admin())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    boolean clean =
        audit.statusCode() == 200
            && audit.body().contains("\"mismatches\":[]")
            && audit.body().contains("\"checkpointRootMatches\":true");
    checks.add(
        new Check(
            "transparency log audit clean",
            clean,
            clean ? "no mismatch, checkpoint root matches" : audit.body()));
    return checks;
  }

  private static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
  }

  private static long number(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static void say(String line) {
    System.out.println("[faults] " + line);
    System.out.flush();
  }
}
