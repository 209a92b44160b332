package org.tbx.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tbx.infra.EmbeddedKafkaBroker;
import org.tbx.infra.EmbeddedPostgresServer;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;

/**
 * Faults survived, measured: banks publish signed deposit batches straight to a Kafka cluster
 * (three brokers, replication factor 3, {@code min.insync.replicas} 2, producers idempotent with
 * {@code acks=all}), every batch sent three times, while hub instances sharing one consumer group
 * are killed with SIGKILL again and again (and started again), one broker is stopped and started,
 * and PostgreSQL is stopped and started. Afterwards every event must have been applied exactly
 * once, every balance must be what the load adds up to, debits must equal credits, nothing may be
 * quarantined or left in the notice outbox, and the transparency log must audit clean.
 *
 * <pre>
 * java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.FaultHarness [events] [hubKills] [banks] [brokers] [hubs]
 * </pre>
 */
public final class FaultHarness {

  private static final String SCHEMA = "fault_hub";

  /** A fault injected, and how far the hub had got. */
  record Fault(String what, long appliedBefore, double secondsDown) {}

  /**
   * The shape of a run: its load, the infrastructure it runs on, and how long a broker and the
   * database stay down.
   *
   * @param brokerProcesses each broker a process of its own, lost by SIGKILL; else inside this JVM,
   *     lost by a controlled shutdown (quicker to start, for CI)
   */
  record Setup(
      int events,
      int kills,
      int banks,
      int brokers,
      int hubs,
      boolean brokerProcesses,
      Duration brokerDown,
      Duration databaseDown) {}

  /** What happened and what was found. */
  record Report(Setup setup, List<Fault> faults, List<FaultChecks.Check> checks, double seconds) {
    boolean passed() {
      return checks.stream().allMatch(FaultChecks.Check::passed);
    }

    List<String> table() {
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              Locale.ROOT,
              "%,d deposits from %d banks, each bank also enrolling %d givers with their consent"
                  + " keys, passing %d gifts and %d redemptions (authorized, then settled) with"
                  + " signed consents, then redeeming for %d visitors from another bank and sending"
                  + " its statement, in batches of %d, each batch sent 3 times; %d Kafka"
                  + " broker(s)%s, %d hub instance(s) in one group; %.1f s",
              setup.events(),
              setup.banks(),
              FaultLoad.GIVERS,
              FaultLoad.GIVERS - 1,
              FaultLoad.GIVERS,
              FaultLoad.VISITORS,
              FaultLoad.PER_BATCH,
              setup.brokers(),
              setup.brokerProcesses() ? " as processes" : " in the harness's JVM",
              setup.hubs(),
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
      for (FaultChecks.Check c : checks) {
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
    int brokers = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int hubs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    Path home = Path.of(System.getenv().getOrDefault("TBX_HOME", ".")).toAbsolutePath();
    Report report =
        run(
            home,
            new Setup(
                events,
                kills,
                banks,
                brokers,
                hubs,
                true,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)),
            FaultHarness::say);
    report.table().forEach(FaultHarness::say);
    System.exit(report.passed() ? 0 : 1);
  }

  /**
   * Runs the load and the faults on embedded Kafka and PostgreSQL with the hub instances as
   * processes.
   *
   * @param home the repository root, holding the built hub
   */
  static Report run(Path home, Setup setup, Consumer<String> say) throws Exception {
    long begin = System.nanoTime();
    int events = setup.events();
    int banks = setup.banks();
    Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
    say.accept(
        String.format(
            Locale.ROOT,
            "%,d events, %d banks, %d Kafka broker(s)%s, %d hub instance(s); %d hub kills, a"
                + " broker lost, two brokers lost together, a PostgreSQL restart",
            events,
            banks,
            setup.brokers(),
            setup.brokerProcesses() ? " as processes" : " in this JVM",
            setup.hubs(),
            setup.kills()));
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.startRestartable();
        EmbeddedKafkaBroker kafka =
            setup.brokerProcesses()
                ? EmbeddedKafkaBroker.startProcesses(setup.brokers())
                : EmbeddedKafkaBroker.start(setup.brokers())) {
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
      HubInstances hubs =
          new HubInstances(
              "fault-hub", home.resolve("hub/target/quarkus-app/quarkus-run.jar"), env, logDir);
      try {
        hubs.startAll(setup.hubs());
        AppProcess hub = hubs.any();
        List<String> nodes = new ArrayList<>();
        List<List<byte[]>> records = new ArrayList<>();
        FaultLoad load = new FaultLoad();
        for (int b = 0; b < banks; b++) {
          String node = "fault-" + b + "-" + UUID.randomUUID().toString().substring(0, 6);
          KeyPair keys = Ed25519Keys.generate();
          Benchmark.register(hub, node, keys, tokens.admin());
          int share = events / banks + (b < events % banks ? 1 : 0);
          nodes.add(node);
          records.add(load.bank(node, keys, share).records());
        }
        say.accept("sealed the banks' batches; publishing while the faults run");
        // At most this many events are published ahead of what the hub applied, so every fault
        // finds records waiting, whatever the size of the run.
        int window =
            Math.max(
                2 * FaultLoad.PER_BATCH, Math.min(20_000, load.events() / (setup.kills() + 4)));
        Publisher publisher = new Publisher(kafka, pg, nodes, records, window);
        Thread sending = new Thread(publisher, "fault-publisher");
        sending.start();
        List<Fault> faults = inject(pg, kafka, hubs, setup, load.events(), say);
        sending.join(Duration.ofMinutes(30).toMillis());
        if (publisher.failure != null) {
          throw new IllegalStateException("publishing failed", publisher.failure);
        }
        awaitApplied(pg, load.events(), say);
        sendThrice(
            kafka,
            nodes,
            node -> load.visits(node, nodes.get((nodes.indexOf(node) + banks - 1) % banks)));
        awaitApplied(pg, load.events() + load.visitEvents(), say);
        faults.add(settleThroughAKill(pg, kafka, hubs, nodes, load, say));
        awaitApplied(pg, load.allEvents(), say);
        sendThrice(kafka, nodes, load::statement);
        awaitApplied(pg, load.allEvents(), say);
        List<FaultChecks.Check> checks =
            FaultChecks.run(pg, hubs.any(), tokens, nodes, load, SCHEMA);
        return new Report(setup, faults, checks, (System.nanoTime() - begin) / 1e9);
      } finally {
        hubs.close();
      }
    }
  }

  /**
   * The faults, each when the hubs have applied the next share of the load: a hub instance (one
   * chosen at random) killed {@code kills} times, a broker stopped in the middle, PostgreSQL
   * stopped at three quarters.
   */
  private static List<Fault> inject(
      EmbeddedPostgresServer pg,
      EmbeddedKafkaBroker kafka,
      HubInstances hubs,
      Setup setup,
      int events,
      Consumer<String> say)
      throws Exception {
    int kills = setup.kills();
    Random random = new Random(42);
    List<Long> at = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      double share = (k + 0.5 + 0.4 * random.nextDouble()) / (kills + 1);
      at.add((long) (share * events));
      int instance = random.nextInt(setup.hubs());
      what.add(
          setup.hubs() > 1
              ? "hub instance "
                  + (instance + 1)
                  + " of "
                  + setup.hubs()
                  + " killed (SIGKILL), started again"
              : "hub killed (SIGKILL), started again");
    }
    at.add(events / 2L + 1);
    int lostBroker = random.nextInt(kafka.nodes());
    String lost = kafka.runsAsProcesses() ? "killed (SIGKILL)" : "stopped";
    what.add(
        kafka.nodes() > 1
            ? "Kafka broker "
                + (lostBroker + 1)
                + " of "
                + kafka.nodes()
                + " "
                + lost
                + ", started again"
            : "Kafka broker " + lost + ", started again");
    if (kafka.nodes() > 2) {
      at.add(events * 5L / 8 + 1);
      what.add(
          "Kafka brokers "
              + (lostBroker + 1)
              + " and "
              + ((lostBroker + 1) % kafka.nodes() + 1)
              + " of "
              + kafka.nodes()
              + " "
              + lost
              + " together (no quorum, no partition writable), started again");
    }
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
        hubs.killAndRestart(
            fault.startsWith("hub instance ") ? Integer.parseInt(fault.split(" ")[2]) - 1 : 0);
      } else if (fault.startsWith("Kafka brokers")) {
        kafka.lose(List.of(lostBroker, (lostBroker + 1) % kafka.nodes()));
        AppProcess.pause(setup.brokerDown());
        kafka.restart();
      } else if (fault.startsWith("Kafka")) {
        kafka.lose(List.of(lostBroker));
        AppProcess.pause(setup.brokerDown());
        kafka.restart();
      } else {
        pg.restart(setup.databaseDown());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      say.accept(String.format(Locale.ROOT, "%s at %,d applied (%.1f s)", fault, applied, seconds));
      faults.add(new Fault(fault, applied, seconds));
    }
    return faults;
  }

  /**
   * Once the hubs have authorized every redemption: each bank's settlement batch, read from the
   * holds the hub made, sent three times, and a hub instance killed with SIGKILL as they arrive.
   */
  private static Fault settleThroughAKill(
      EmbeddedPostgresServer pg,
      EmbeddedKafkaBroker kafka,
      HubInstances hubs,
      List<String> nodes,
      FaultLoad load,
      Consumer<String> say)
      throws Exception {
    Map<String, UUID> holds = new HashMap<>();
    try (Connection db = FaultChecks.connect(pg);
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select redemption_id, hold_id from " + SCHEMA + ".hold")) {
      while (rs.next()) {
        holds.put(rs.getString(1), (UUID) rs.getObject(2));
      }
    }
    long applied = appliedOrMinusOne(pg);
    long start = System.nanoTime();
    sendThrice(kafka, nodes, node -> load.settlements(node, holds));
    hubs.killAndRestart(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    String fault = "hub instance 1 killed (SIGKILL) as the settlements arrive, started again";
    say.accept(String.format(Locale.ROOT, "%s at %,d applied (%.1f s)", fault, applied, seconds));
    return new Fault(fault, applied, seconds);
  }

  /**
   * One batch per bank, made by {@code seal} in bank order, each sent three times like every batch.
   */
  private static void sendThrice(
      EmbeddedKafkaBroker kafka, List<String> nodes, Function<String, byte[]> seal) {
    Map<String, byte[]> batches = new HashMap<>();
    for (String node : nodes) {
      batches.put(node, seal.apply(node));
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            producerConfig(kafka), new StringSerializer(), new ByteArraySerializer())) {
      for (int time = 0; time < 3; time++) {
        for (String node : nodes) {
          producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, batches.get(node)));
        }
      }
      producer.flush();
    }
  }

  /** Every batch is sent with an idempotent producer that waits for all in-sync replicas. */
  private static Map<String, Object> producerConfig(EmbeddedKafkaBroker kafka) {
    Map<String, Object> config = kafka.superUserClientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    return config;
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
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              producerConfig(kafka), new StringSerializer(), new ByteArraySerializer())) {
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
              sent += FaultLoad.PER_BATCH;
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
    try (Connection db = FaultChecks.connect(pg)) {
      return FaultChecks.number(
          db, "select coalesce(sum(last_sequence), 0) from " + SCHEMA + ".node_stream");
    } catch (SQLException e) {
      return -1; // not migrated yet, or the database is down
    }
  }

  private static boolean outboxEmpty(EmbeddedPostgresServer pg) {
    try (Connection db = FaultChecks.connect(pg)) {
      return FaultChecks.number(db, "select count(*) from " + SCHEMA + ".notice_outbox") == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void say(String line) {
    System.out.println("[faults] " + line);
    System.out.flush();
  }
}
