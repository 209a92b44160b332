package org.tbx.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.tbx.infra.InfraSettings;
import org.tbx.infra.Infrastructure;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;

/**
 * An open-loop load: {@code banks} banks publish signed batches straight to Kafka at a fixed total
 * rate, whatever the hub does, and each bank reads its notices back. The mix (unless {@code
 * -Dtbx.load.mix=deposits}): per 100 events 5 cross-region redemptions of visitors whose home is
 * the next bank (each settled in the bank's next batch once authorized: hold, then settle), 2 gifts
 * of the bank's own travellers to relatives, deposits for the rest, and every 10 s per bank a
 * statement of its books (every volunteer it credited or debited), which the hub reconciles. The
 * latency of an event runs from the moment its batch was due to its answer at the bank: {@code
 * EventAccepted} for deposits, settlements and gifts, {@code RedemptionAuthorized} for a
 * redemption, {@code ReconciliationResult} for a statement. Offered against applied tells whether
 * the hub keeps up.
 *
 * <pre>
 * java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.LoadGenerator [banks] [events/s] [seconds] [hubs] [eventsPerBatch]
 * </pre>
 *
 * <p>{@code -Dtbx.load.volunteers-per-bank} (1,000 unless set) spreads each bank's deposits over
 * that many volunteers; {@code -Dtbx.load.statement-every} (seconds, 10; 0: none).
 */
public final class LoadGenerator {

  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final int VOLUNTEERS_PER_BANK =
      Integer.getInteger("tbx.load.volunteers-per-bank", 1_000);
  private static final boolean MIXED =
      !"deposits".equals(System.getProperty("tbx.load.mix", "mixed"));
  private static final int STATEMENT_EVERY_S =
      MIXED ? Integer.getInteger("tbx.load.statement-every", 10) : 0;
  private static final int REDEMPTIONS_PER_100 = MIXED ? 5 : 0;
  private static final int GIFTS_PER_100 = MIXED ? 2 : 0;
  private static final int TRAVELLERS_PER_BANK = MIXED ? 20 : 0;

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.SEVERE);
    int banks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int hubCount = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int perBatch = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    Path home = Path.of(System.getenv().getOrDefault("TBX_HOME", ".")).toAbsolutePath();
    Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
    say(
        "%d banks, %,d events/s offered in batches of %d for %d s (after %d s of warm-up),"
            + " %d hub instance(s); %s",
        banks,
        rate,
        perBatch,
        seconds,
        WARM_UP.toSeconds(),
        hubCount,
        MIXED
            ? String.format(
                Locale.ROOT,
                "per 100 events %d redemptions (settled once authorized) and %d gifts, a statement"
                    + " per bank every %d s, deposits for the rest",
                REDEMPTIONS_PER_100,
                GIFTS_PER_100,
                STATEMENT_EVERY_S)
            : "deposits only");
    try (Infrastructure infra =
        Infrastructure.start(InfraSettings.fromEnvironment(), LoadGenerator::say)) {
      SandboxTokens tokens = SandboxTokens.in(Files.createTempDirectory("tbx-load-keys"));
      Map<String, String> env =
          Benchmark.hubEnvironment(
              infra, "load_hub_" + UUID.randomUUID().toString().substring(0, 6), tokens);
      try (HubInstances hubs =
          new HubInstances(
              "load-hub", home.resolve("hub/target/quarkus-app/quarkus-run.jar"), env, logDir)) {
        hubs.startAll(hubCount);
        List<LoadBank> loadBanks = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
          LoadBank bank =
              new LoadBank(
                  b,
                  "load-" + b + "-" + UUID.randomUUID().toString().substring(0, 4),
                  VOLUNTEERS_PER_BANK,
                  TRAVELLERS_PER_BANK);
          Benchmark.register(hubs.any(), bank.stream.node, bank.stream.keys, tokens.admin());
          loadBanks.add(bank);
        }
        run(infra, loadBanks, rate, seconds, perBatch);
        hubs.memory().forEach(m -> say("hub memory after the run: %s", m));
      }
    }
  }

  private static void run(
      Infrastructure infra, List<LoadBank> banks, int rate, int seconds, int perBatch)
      throws Exception {
    int n = banks.size();
    long totalSeconds = WARM_UP.toSeconds() + seconds;
    int perBank = (int) (rate * totalSeconds / perBatch / n);
    int batches = perBank * n;
    long interval = 1_000_000_000L * perBatch / rate;
    int warmUpBatches = (int) (WARM_UP.toNanos() / interval);
    long batchesPerStatement =
        STATEMENT_EVERY_S == 0 ? 0 : Math.max(1, (long) STATEMENT_EVERY_S * rate / perBatch / n);
    Map<String, LoadBank> byTopic = new HashMap<>();
    for (LoadBank bank : banks) {
      byTopic.put(Topics.nodeIn(bank.stream.node), bank);
    }
    try (KafkaProducer<String, byte[]> producer = Benchmark.producer(infra, 0);
        KafkaConsumer<byte[], byte[]> notices = AuthorizationTiming.noticeReader(infra, 50)) {
      List<TopicPartition> ins = new ArrayList<>();
      for (LoadBank bank : banks) {
        ins.add(new TopicPartition(Topics.nodeIn(bank.stream.node), 0));
      }
      notices.assign(ins);
      notices.seekToBeginning(ins);
      // Each bank's first batch goes before the clock (the hub finds the new topics): its
      // travellers, enrolled with their consent keys and credited; then the next bank's travellers
      // enrolled as its visitors.
      for (LoadBank bank : banks) {
        send(producer, bank, bank.enrolTravellers());
      }
      awaitAccepted(notices, banks);
      if (MIXED && n > 1) {
        for (LoadBank bank : banks) {
          send(producer, bank, bank.enrolVisitors(banks.get((bank.index + 1) % n).travellers));
        }
        awaitAccepted(notices, banks);
      }
      say("every bank's first batches accepted; the clock starts");
      long signing = System.nanoTime();
      for (LoadBank bank : banks) {
        int redemptions = 0;
        int gifts = 0;
        for (int k = 0; k < perBank; k++) {
          redemptions += share(k, perBatch, REDEMPTIONS_PER_100);
          gifts += share(k, perBatch, GIFTS_PER_100);
        }
        bank.plan(perBank, perBatch, redemptions, gifts);
      }
      say(
          "signed the volunteers' consents in %.1f s (not counted)",
          (System.nanoTime() - signing) / 1e9);
      long start = System.nanoTime() + 200_000_000L;
      long measureFrom = start + warmUpBatches * interval;
      Answers answers = new Answers(measureFrom);
      Thread reader = new Thread(() -> answers.read(notices, byTopic), "load-notices");
      reader.start();
      long building = 0;
      for (int i = 0; i < batches; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        LoadBank bank = banks.get(i % n);
        int k = i / n;
        long began = System.nanoTime();
        byte[] batch =
            bank.next(
                perBatch,
                batchesPerStatement > 0 && k > 0 && k % batchesPerStatement == 0,
                share(k, perBatch, REDEMPTIONS_PER_100),
                share(k, perBatch, GIFTS_PER_100),
                due,
                answers.due);
        building += System.nanoTime() - began;
        send(producer, bank, batch);
      }
      long sent = System.nanoTime();
      long lateBy = sent - (start + (batches - 1) * interval);
      Map<LoadBank.Kind, Long> measured = new EnumMap<>(LoadBank.Kind.class);
      for (LoadBank bank : banks) {
        bank.counts(measureFrom).forEach((kind, c) -> measured.merge(kind, c, Long::sum));
      }
      long events = measured.values().stream().mapToLong(Long::longValue).sum();
      long deadline = sent + Duration.ofMinutes(5).toNanos();
      while (answers.events.get() < events && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long finished = System.nanoTime();
      long answersDeadline = finished + Duration.ofSeconds(30).toNanos();
      while (answers.pending() > 0 && System.nanoTime() < answersDeadline) {
        Thread.sleep(20);
      }
      answers.done.set(true);
      reader.join();
      double window = (finished - measureFrom) / 1e9;
      say(
          "offered %,d events/s for %d s (the sender ended %.1f s behind its schedule, %.1f s of it"
              + " spent sealing); %,d of %,d events answered (%,d rejected), the last %.1f s after"
              + " it was due: %,.0f events/s applied",
          rate,
          seconds,
          Math.max(0, lateBy) / 1e9,
          building / 1e9,
          answers.events.get(),
          events,
          answers.rejected.get(),
          (finished - (start + (batches - 1) * interval)) / 1e9,
          answers.events.get() / window);
      say("measured events by kind: %s", measured);
      answers.report(LoadGenerator::say);
      long unsettled = banks.stream().mapToLong(b -> b.toSettle.size()).sum();
      if (unsettled > 0) {
        say("%,d holds were authorized after the last batch and stay unsettled", unsettled);
      }
      if (answers.events.get() < events) {
        say(
            "%,d events were not answered within 5 minutes of the last send",
            events - answers.events.get());
      }
    }
  }

  /**
   * @return how many of a bank's k-th batch's events are of a kind with this share per 100 events
   */
  private static int share(int k, int perBatch, int per100) {
    return (int) ((long) (k + 1) * perBatch * per100 / 100 - (long) k * perBatch * per100 / 100);
  }

  private static void send(KafkaProducer<String, byte[]> producer, LoadBank bank, byte[] batch) {
    String node = bank.stream.node;
    producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, batch));
  }

  /** What the banks read back, by kind, from the moment measuring starts. */
  private static final class Answers {
    final Map<String, Long> due = new ConcurrentHashMap<>();
    final AtomicLong events = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicBoolean done = new AtomicBoolean();
    private final long measureFrom;
    private final Map<LoadBank.Kind, Samples> latency = new EnumMap<>(LoadBank.Kind.class);
    private final Samples authorization = new Samples();
    private final Samples reconciliation = new Samples();
    private final Map<String, Long> reasons = new TreeMap<>();
    private final List<String> firstProblems = new ArrayList<>();
    private final Map<String, Long> noticeHeads = new HashMap<>();
    private long declined;
    private long matched;
    private long differing;

    Answers(long measureFrom) {
      this.measureFrom = measureFrom;
    }

    /** Redemptions and statements of the measured batches still waiting for their answer. */
    long pending() {
      return due.values().stream().filter(d -> d >= measureFrom).count();
    }

    void read(KafkaConsumer<byte[], byte[]> notices, Map<String, LoadBank> byTopic) {
      while (!done.get()) {
        for (ConsumerRecord<byte[], byte[]> r : notices.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          LoadBank bank = byTopic.get(r.topic());
          NoticeBatch batch;
          try {
            batch = BatchCodec.openNotices(r.value()).batch();
          } catch (Exception e) {
            throw new IllegalStateException("an unreadable notice batch: " + e, e);
          }
          // A notice batch can arrive twice (each hub instance's relay may publish it; the same
          // bytes): a bank reads each sequence once.
          long last = batch.getFirstSequence() + batch.getNotices().size() - 1;
          if (last <= noticeHeads.getOrDefault(r.topic(), 0L)) {
            continue;
          }
          noticeHeads.put(r.topic(), last);
          for (HubNotice notice : batch.getNotices()) {
            take(bank, notice.getPayload(), now);
          }
        }
      }
    }

    private void take(LoadBank bank, Object payload, long now) {
      if (payload instanceof EventAccepted a) {
        LoadBank.Kind kind = bank.kind(a.getSequence());
        if (kind != null && bank.due(a.getSequence()) >= measureFrom) {
          events.incrementAndGet();
          latency.computeIfAbsent(kind, k -> new Samples()).add(now - bank.due(a.getSequence()));
        }
      } else if (payload instanceof EventRejected e) {
        LoadBank.Kind kind = bank.kind(e.getSequence());
        if (kind != null && bank.due(e.getSequence()) >= measureFrom) {
          events.incrementAndGet();
          rejected.incrementAndGet();
        }
        reasons.merge(kind + " " + e.getReason(), 1L, Long::sum);
        problem(kind + " rejected: " + e.getReason() + " " + e.getDetail());
      } else if (payload instanceof RedemptionAuthorized a) {
        bank.toSettle.add(
            new LoadBank.Authorized(a.getRedemptionId(), a.getHoldId(), a.getAuthorizedMinutes()));
        Long at = due.remove(a.getRedemptionId());
        if (at != null && at >= measureFrom) {
          authorization.add(now - at);
        }
      } else if (payload instanceof RedemptionDeclined d) {
        due.remove(d.getRedemptionId());
        declined++;
        problem("redemption declined: " + d.getReason() + " " + d.getDetail());
      } else if (payload instanceof ReconciliationResult result) {
        Long at = due.remove(result.getStatementId());
        if (at != null && at >= measureFrom) {
          reconciliation.add(now - at);
        }
        if (result.getMatched()) {
          matched++;
        } else {
          differing++;
          problem(
              "statement of "
                  + bank.stream.node
                  + " differs: "
                  + result.getDifferences().stream().limit(3).toList());
        }
      }
    }

    private void problem(String what) {
      if (firstProblems.size() < 5) {
        firstProblems.add(what);
      }
    }

    void report(java.util.function.Consumer<String> say) {
      latency.forEach(
          (kind, samples) ->
              say.accept(kind.name().toLowerCase(Locale.ROOT) + " accepted: " + samples));
      say.accept("redemption authorized (request due -> RedemptionAuthorized): " + authorization);
      say.accept("statement reconciled (statement due -> ReconciliationResult): " + reconciliation);
      say.accept(
          String.format(
              Locale.ROOT,
              "statements matched %d, differing %d; redemptions declined %d; rejected %s",
              matched,
              differing,
              declined,
              reasons));
      firstProblems.forEach(p -> say.accept("  " + p));
    }
  }

  /** Latencies in nanoseconds, summarized in milliseconds. */
  private static final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    @Override
    public String toString() {
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "%,d: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
          size,
          AuthorizationTiming.percentile(sorted, 50),
          AuthorizationTiming.percentile(sorted, 90),
          AuthorizationTiming.percentile(sorted, 99),
          size == 0 ? 0 : sorted[size - 1] / 1e6);
    }
  }

  /** Reads notices until every bank's last event sealed so far is accepted (or rejected). */
  private static void awaitAccepted(KafkaConsumer<byte[], byte[]> notices, List<LoadBank> banks)
      throws Exception {
    Map<String, Long> waiting = new HashMap<>();
    for (LoadBank bank : banks) {
      waiting.put(Topics.nodeIn(bank.stream.node), bank.lastSequence());
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the hub did not answer the first batches of " + waiting.size() + " banks");
      }
      for (ConsumerRecord<byte[], byte[]> r : notices.poll(Duration.ofMillis(100))) {
        for (HubNotice n : BatchCodec.openNotices(r.value()).batch().getNotices()) {
          long sequence =
              n.getPayload() instanceof EventAccepted a
                  ? a.getSequence()
                  : n.getPayload() instanceof EventRejected e ? e.getSequence() : -1;
          Long last = waiting.get(r.topic());
          if (last != null && sequence >= last) {
            waiting.remove(r.topic());
          }
        }
      }
    }
  }

  private static void say(String format, Object... args) {
    System.out.println("[load] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
