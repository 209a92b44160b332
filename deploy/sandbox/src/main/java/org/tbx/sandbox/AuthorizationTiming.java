package org.tbx.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.tbx.infra.Infrastructure;
import org.tbx.infra.TestVolunteer;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * The cross-region authorization round trip: bank B publishes a signed batch with a {@code
 * RedemptionRequested} of minutes earned at bank A, and reads the hub's {@code
 * RedemptionAuthorized} from its own topic, one request per batch. Open loop at fixed offered rates
 * ({@code -Dtbx.bench.auth-rates=100,1000}, ten seconds each) over a few hot volunteers; the
 * latency runs from the moment each request was due, so a stalled sender is not hidden.
 */
final class AuthorizationTiming {

  private static final int HOT_VOLUNTEERS = 10;
  private static final int MINUTES = 5;

  private AuthorizationTiming() {}

  static void measure(Infrastructure infra, AppProcess hub, String adminToken, Consumer<String> say)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    BankStream home = new BankStream("auth-home-" + run);
    BankStream bank = new BankStream("auth-bank-" + run);
    Benchmark.register(hub, home.node, home.keys, adminToken);
    Benchmark.register(hub, bank.node, bank.keys, adminToken);
    List<TestVolunteer> hot = new ArrayList<>();
    for (int i = 0; i < HOT_VOLUNTEERS; i++) {
      hot.add(new TestVolunteer("v-hot-" + run + "-" + i));
    }
    try (KafkaProducer<String, byte[]> producer = Benchmark.producer(infra, 0);
        KafkaConsumer<byte[], byte[]> notices = noticeReader(infra, 100)) {
      prepare(producer, home, bank, hot);
      TopicPartition in = new TopicPartition(Topics.nodeIn(bank.node), 0);
      notices.assign(List.of(in));
      notices.seekToBeginning(List.of(in));
      // Warm up: the hub finds the new topics and compiles the redemption path.
      run(producer, notices, bank, hot, 50, Duration.ofSeconds(4), say, false);
      for (String rate : System.getProperty("tbx.bench.auth-rates", "100,1000").split(",")) {
        int perSecond = Integer.parseInt(rate.trim());
        run(producer, notices, bank, hot, perSecond, Duration.ofSeconds(10), say, true);
      }
    }
  }

  /**
   * Bank A enrolls the hot volunteers with their consent keys and credits them; bank B enrolls them
   * as visitors.
   */
  private static void prepare(
      KafkaProducer<String, byte[]> producer,
      BankStream home,
      BankStream bank,
      List<TestVolunteer> hot)
      throws Exception {
    Instant served = Instant.parse("2026-11-28T09:00:00Z");
    Evidence evidence =
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "bench", List.of(), null, null);
    List<Object> atHome = new ArrayList<>();
    List<Object> visits = new ArrayList<>();
    for (TestVolunteer v : hot) {
      atHome.add(LoadBank.enrolment(v, true));
      for (int d = 0; d < 40; d++) {
        atHome.add(
            new ServiceRecorded(v.id, "MEAL_ASSIST", "r-1", served, 1440, 1440, 1, evidence));
      }
      visits.add(LoadBank.enrolment(v, false));
    }
    producer
        .send(
            new ProducerRecord<>(Topics.nodeOut(home.node), home.node, home.seal(atHome.toArray())))
        .get();
    // The visits need the home enrollments first: the hub reads each bank's topic on its own.
    Thread.sleep(3_000);
    producer
        .send(
            new ProducerRecord<>(Topics.nodeOut(bank.node), bank.node, bank.seal(visits.toArray())))
        .get();
    Thread.sleep(3_000);
  }

  private static void run(
      KafkaProducer<String, byte[]> producer,
      KafkaConsumer<byte[], byte[]> notices,
      BankStream bank,
      List<TestVolunteer> hot,
      int perSecond,
      Duration length,
      Consumer<String> say,
      boolean report)
      throws Exception {
    int count = (int) (perSecond * length.toSeconds());
    List<String> ids = new ArrayList<>(count);
    List<byte[]> batches = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      TestVolunteer v = hot.get(i % hot.size());
      String id = "r-" + UUID.randomUUID();
      RedemptionRequested request =
          new RedemptionRequested(
              id,
              v.id,
              "mother-of-" + i,
              Relation.PARENT,
              LocalDate.of(1948, 4, 2),
              "MEDICAL_ESCORT",
              MINUTES,
              v.consent(bank.node, ConsentPurpose.REDEMPTION, MINUTES));
      ids.add(id);
      batches.add(bank.seal(request));
    }
    Map<String, Long> due = new ConcurrentHashMap<>();
    long[] latencies = new long[count];
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger declined = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                for (ConsumerRecord<byte[], byte[]> r : notices.poll(Duration.ofMillis(50))) {
                  long now = System.nanoTime();
                  try {
                    for (HubNotice n : BatchCodec.openNotices(r.value()).batch().getNotices()) {
                      String id = null;
                      if (n.getPayload() instanceof RedemptionAuthorized a) {
                        id = a.getRedemptionId();
                      } else if (n.getPayload() instanceof RedemptionDeclined d) {
                        id = d.getRedemptionId();
                        declined.incrementAndGet();
                      }
                      Long at = id == null ? null : due.remove(id);
                      if (at != null) {
                        latencies[answered.getAndIncrement()] = now - at;
                      }
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException("an unreadable notice batch: " + e, e);
                  }
                }
              }
            },
            "auth-notices");
    reader.start();
    long interval = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long at = start + i * interval;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      due.put(ids.get(i), at);
      producer.send(new ProducerRecord<>(Topics.nodeOut(bank.node), bank.node, batches.get(i)));
    }
    long sent = System.nanoTime();
    long deadline = sent + Duration.ofSeconds(60).toNanos();
    while (answered.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    done.set(true);
    reader.join();
    int n = answered.get();
    if (!report) {
      return;
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    say.accept(
        String.format(
            Locale.ROOT,
            "authorization round trip at %,d requests/s offered (%,d sent in %.1f s, %,d answered,"
                + " %d declined) over %d hot volunteers: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max"
                + " %.1f ms",
            perSecond,
            count,
            (sent - start) / 1e9,
            n,
            declined.get(),
            hot.size(),
            percentile(sorted, 50),
            percentile(sorted, 90),
            percentile(sorted, 99),
            n == 0 ? 0 : sorted[n - 1] / 1e6));
    if (n < count) {
      say.accept(
          String.format(Locale.ROOT, "  %,d requests were not answered within 60 s", count - n));
    }
  }

  /**
   * @return a consumer of banks' notice topics as a bank reads them (committed batches only), with
   *     the broker's super user; assign it the partitions
   */
  static KafkaConsumer<byte[], byte[]> noticeReader(Infrastructure infra, int fetchWaitMs) {
    Map<String, Object> config = infra.kafka().superUserClientConfig();
    config.putAll(
        Map.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            fetchWaitMs));
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * @return the p-th percentile of sorted nanoseconds, in milliseconds
   */
  static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }
}
