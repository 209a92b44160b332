package org.tbx.sandbox;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.tbx.infra.FreePorts;
import org.tbx.infra.InfraSettings;
import org.tbx.infra.Infrastructure;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * Deposit throughput of the hub through the real broker and database, next to a raw PostgreSQL COPY
 * of the same number of rows measured in the same run on the same server.
 *
 * <pre>
 * java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.Benchmark [events] [eventsPerBatch] [volunteers]
 * </pre>
 *
 * <p>{@code -Dtbx.bench.ingest-only=true} stops after the ingest figure and its baselines (a raw
 * COPY, and pgledger when {@code shared/peers/pgledger} is found: {@link PgLedgerBaseline}).
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.SEVERE);
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int perBatch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int volunteers = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Path home = Path.of(System.getenv().getOrDefault("TBX_HOME", ".")).toAbsolutePath();
    Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
    say("%d deposit events in batches of %d over %d volunteers", events, perBatch, volunteers);
    try (Infrastructure infra =
        Infrastructure.start(InfraSettings.fromEnvironment(), Benchmark::say)) {
      SandboxTokens tokens = SandboxTokens.in(Files.createTempDirectory("tbx-bench-keys"));
      Map<String, String> env = hubEnvironment(infra, "bench_hub", tokens);
      // Any hub setting can be passed through, e.g. TBX_HUB_NOTICE_INTERVAL=2s.
      System.getenv()
          .forEach(
              (k, v) -> {
                if (k.startsWith("TBX_HUB_")) {
                  env.put(k, v);
                }
              });
      try (AppProcess hub =
          AppProcess.start(
              "bench-hub",
              home.resolve("hub/target/quarkus-app/quarkus-run.jar"),
              FreePorts.pick(),
              env,
              logDir)) {
        hub.awaitReady(Duration.ofSeconds(120));
        String node = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        KeyPair keys = Ed25519Keys.generate();
        register(hub, node, keys, tokens.admin());

        long sealStart = System.nanoTime();
        SealedStream stream = seal(node, keys, events, perBatch, volunteers);
        List<byte[]> records = stream.records();
        say(
            "sealed %d signed batches in %.1f s (not counted)",
            records.size(), (System.nanoTime() - sealStart) / 1e9);

        // The first batch warms the hub up: it discovers the new topic and compiles its hot path.
        publishAndAwait(infra, node, records.subList(0, 1));
        int timed = events - perBatch;
        double hubSeconds = publishAndAwait(infra, node, records.subList(1, records.size()));
        say(
            "hub:      %,d events committed in %.2f s = %,.0f events/s",
            timed, hubSeconds, timed / hubSeconds);
        checkBalances(infra, events);
        say("hub memory after ingest: %s", hub.memory());

        double copySeconds = copyBaseline(infra, timed, volunteers);
        say(
            "baseline: PostgreSQL COPY of %,d rows in %.2f s = %,.0f rows/s",
            timed, copySeconds, timed / copySeconds);
        say(
            "the hub reaches %.1f%% of a raw COPY of the same rows",
            100 * copySeconds / hubSeconds);
        PgLedgerBaseline.measure(infra, home, Benchmark::say);
        if (Boolean.getBoolean("tbx.bench.ingest-only")) {
          return;
        }
        LogProofTiming.measure(hub, events, tokens.admin(), Benchmark::say);
        TokenTiming.measure(hub, tokens, Benchmark::say);
        PageTiming.measure(hub, tokens, "v-0", Benchmark::say);
        ReportTiming.measure(
            infra, hub, tokens.admin(), node, keys, stream, events, volunteers, Benchmark::say);
        say("hub memory after the reports: %s", hub.memory());
        AuthorizationTiming.measure(infra, hub, tokens.admin(), Benchmark::say);
      }
    }
  }

  /**
   * @return the environment of a hub on these servers: its database schema, the broker with the
   *     super user's login, and the key that checks the tokens
   */
  static Map<String, String> hubEnvironment(
      Infrastructure infra, String schema, SandboxTokens tokens) {
    Map<String, String> env = Federation.env(infra, tokens, schema);
    infra.kafka().superUser().ifPresent(u -> Federation.login(env, u));
    return env;
  }

  static void register(AppProcess hub, String node, KeyPair keys, String adminToken)
      throws Exception {
    String body =
        "{\"publicKeyHex\":\""
            + HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(keys.getPublic()))
            + "\"}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/nodes/" + node + "/keys"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("registering the bench node failed: " + r.body());
    }
  }

  static SealedStream seal(String node, KeyPair keys, int events, int perBatch, int volunteers) {
    Instant at = Instant.parse("2026-11-28T09:00:00Z");
    Evidence evidence =
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "bench", List.of(), null, null);
    List<Object> payloads = new ArrayList<>(events);
    for (long sequence = 1; sequence <= events; sequence++) {
      payloads.add(
          new ServiceRecorded(
              "v-" + (sequence % volunteers), "MEAL_ASSIST", "r-1", at, 30, 30, 1, evidence));
    }
    return sealInBatches(node, keys, payloads, perBatch, at, 1, BatchCodec.GENESIS_HASH);
  }

  /** Sealed record values in stream order, and the hash the next batch chains to. */
  record SealedStream(List<byte[]> records, byte[] lastHash) {}

  /**
   * Seals event payloads as a bank's stream from {@code firstSequence}: batches of {@code perBatch}
   * events, chained by hash from {@code previousHash} and signed, each event with a fresh id.
   */
  static SealedStream sealInBatches(
      String node,
      KeyPair keys,
      List<?> payloads,
      int perBatch,
      Instant at,
      long firstSequence,
      byte[] previousHash) {
    String keyId = Ed25519Keys.keyId(keys.getPublic());
    List<byte[]> records = new ArrayList<>();
    byte[] previous = previousHash;
    long sequence = firstSequence - 1;
    long end = firstSequence - 1 + payloads.size();
    while (sequence < end) {
      List<NodeEvent> batch = new ArrayList<>(perBatch);
      long first = sequence + 1;
      for (int i = 0; i < perBatch && sequence < end; i++) {
        Object payload = payloads.get((int) (sequence - firstSequence + 1));
        sequence++;
        batch.add(new NodeEvent(UUID.randomUUID().toString(), node, sequence, at, at, payload));
      }
      BatchCodec.Sealed sealed =
          BatchCodec.seal(
              new NodeBatch(node, first, BatchCodec.sha256(previous), batch),
              keys.getPrivate(),
              keyId);
      previous = sealed.batchHash();
      records.add(sealed.value());
    }
    return new SealedStream(records, previous);
  }

  /**
   * @return seconds from the first send until the hub has committed the last record's offset
   */
  private static double publishAndAwait(Infrastructure infra, String node, List<byte[]> records)
      throws Exception {
    String topic = Topics.nodeOut(node);
    try (KafkaProducer<String, byte[]> producer = producer(infra, 5);
        Connection db = connect(infra)) {
      long start = System.nanoTime();
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (byte[] record : records) {
        sends.add(producer.send(new ProducerRecord<>(topic, node, record)));
      }
      long last = 0;
      for (Future<RecordMetadata> send : sends) {
        last = Math.max(last, send.get().offset());
      }
      if (records.size() > 1) {
        say("published %d records in %.2f s", records.size(), (System.nanoTime() - start) / 1e9);
      }
      Duration allowed = Duration.ofMinutes(Math.max(10, records.size() / 100));
      long deadline = System.nanoTime() + allowed.toNanos();
      long reported = System.nanoTime();
      while (nextOffset(db, topic) <= last) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the hub did not commit every record within " + allowed.toMinutes() + " minutes");
        }
        if (System.nanoTime() - reported > 5e9) {
          say("... hub at offset %d of %d", nextOffset(db, topic), last + 1);
          reported = System.nanoTime();
        }
        Thread.onSpinWait();
        AppProcess.pause(Duration.ofMillis(20));
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * @return an idempotent producer as a bank's adapter has, with the broker's super user
   */
  static KafkaProducer<String, byte[]> producer(Infrastructure infra, int lingerMs) {
    Map<String, Object> config = infra.kafka().superUserClientConfig();
    config.putAll(
        Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            2 * BatchCodec.MAX_RECORD_BYTES,
            ProducerConfig.LINGER_MS_CONFIG,
            lingerMs));
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static void checkBalances(Infrastructure infra, int events) throws Exception {
    try (Connection db = connect(infra);
        Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*), coalesce(sum(amount_minutes), 0) from bench_hub.transfer")) {
      rs.next();
      if (rs.getLong(1) != events || rs.getLong(2) != 30L * events) {
        throw new IllegalStateException(
            "expected " + events + " transfers, found " + rs.getLong(1));
      }
      say(
          "checked: %,d transfers, %,d minutes, every event applied once",
          rs.getLong(1), rs.getLong(2));
    }
  }

  /**
   * COPYs the same number of rows into a table shaped like the hub's transfers, in one transaction.
   */
  private static double copyBaseline(Infrastructure infra, int events, int volunteers)
      throws Exception {
    StringBuilder csv = new StringBuilder(events * 90);
    for (int i = 1; i <= events; i++) {
      csv.append(UUID.randomUUID())
          .append(",bank:bench:issued,volunteer:v-")
          .append(i % volunteers)
          .append(",30,SERVICE_RECORDED,bench\n");
    }
    try (Connection db = connect(infra)) {
      try (Statement s = db.createStatement()) {
        s.execute(
            "create table if not exists bench_copy (event_id uuid, debit_account_id text, credit_account_id text, "
                + "amount_minutes bigint, code text, node_id text)");
        s.execute("truncate bench_copy");
      }
      db.setAutoCommit(false);
      long start = System.nanoTime();
      db.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("copy bench_copy from stdin with (format csv)", new StringReader(csv.toString()));
      db.commit();
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static long nextOffset(Connection db, String topic) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement(
            "select coalesce(max(next_offset), 0) from bench_hub.consumed_offset where topic = ?")) {
      ps.setString(1, topic);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Connection connect(Infrastructure infra) throws Exception {
    return DriverManager.getConnection(
        infra.postgres().jdbcUrl(), infra.postgres().username(), infra.postgres().password());
  }

  private static void say(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
