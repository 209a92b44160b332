package org.tbx.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * An open-loop load: {@code banks} banks publish signed batches of deposits straight to Kafka at a
 * fixed total rate, whatever the hub does, and each bank reads its acceptance notices back; the
 * latency of an event runs from the moment its batch was due to the moment its {@code
 * EventAccepted} reached the bank (the hub applied it, committed, and its relay published the
 * notice). Offered against applied tells whether the hub keeps up.
 *
 * <pre>
 * java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.LoadGenerator [banks] [events/s] [seconds] [hubs] [eventsPerBatch]
 * </pre>
 *
 * <p>{@code -Dtbx.load.volunteers-per-bank} (1,000 unless set) spreads each bank's deposits over
 * that many volunteers.
 */
public final class LoadGenerator {

  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final int VOLUNTEERS_PER_BANK =
      Integer.getInteger("tbx.load.volunteers-per-bank", 1_000);

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
        "%d banks, %,d deposit events/s offered in batches of %d for %d s (after %d s of warm-up),"
            + " %d hub instance(s)",
        banks, rate, perBatch, seconds, WARM_UP.toSeconds(), hubCount);
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
        List<BankStream> streams = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
          BankStream stream =
              new BankStream("load-" + b + "-" + UUID.randomUUID().toString().substring(0, 4));
          Benchmark.register(hubs.any(), stream.node, stream.keys, tokens.admin());
          streams.add(stream);
        }
        run(infra, streams, rate, seconds, perBatch);
        hubs.memory().forEach(m -> say("hub memory after the run: %s", m));
      }
    }
  }

  private static void run(
      Infrastructure infra, List<BankStream> streams, int rate, int seconds, int perBatch)
      throws Exception {
    int banks = streams.size();
    long totalSeconds = WARM_UP.toSeconds() + seconds;
    int batches = (int) (rate * totalSeconds / perBatch);
    Instant served = Instant.parse("2026-11-28T09:00:00Z");
    Evidence evidence =
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "load", List.of(), null, null);
    // Each bank's first batch, one deposit, goes before the clock: the hub finds the new topics.
    List<byte[]> first = new ArrayList<>();
    for (BankStream stream : streams) {
      first.add(
          stream.seal(
              new ServiceRecorded(
                  "v-" + stream.node + "-0", "MEAL_ASSIST", "r-1", served, 30, 30, 1, evidence)));
    }
    List<byte[]> sealed = new ArrayList<>(batches);
    long sealStart = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      BankStream stream = streams.get(i % banks);
      Object[] payloads = new Object[perBatch];
      for (int e = 0; e < perBatch; e++) {
        payloads[e] =
            new ServiceRecorded(
                "v-" + stream.node + "-" + ((i * perBatch + e) % VOLUNTEERS_PER_BANK),
                "MEAL_ASSIST",
                "r-1",
                served,
                30,
                30,
                1,
                evidence);
      }
      sealed.add(stream.seal(payloads));
    }
    say(
        "sealed %,d batches in %.1f s (not counted)",
        batches, (System.nanoTime() - sealStart) / 1e9);

    // Batch i is stream (i % banks)'s batch number i / banks; its events' sequences follow the
    // first batch's one event.
    long interval = 1_000_000_000L * perBatch / rate;
    long[] due = new long[batches];
    long[] latencies = new long[batches * perBatch];
    AtomicLong answered = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    long[] noticeHeads = new long[banks];
    Map<String, Integer> bankIndex = new HashMap<>();
    for (int b = 0; b < banks; b++) {
      bankIndex.put(Topics.nodeIn(streams.get(b).node), b);
    }
    int warmUpBatches = (int) (WARM_UP.toNanos() / interval);
    try (KafkaProducer<String, byte[]> producer = Benchmark.producer(infra, 0);
        KafkaConsumer<byte[], byte[]> notices = AuthorizationTiming.noticeReader(infra, 50)) {
      List<TopicPartition> ins = new ArrayList<>();
      for (BankStream s : streams) {
        ins.add(new TopicPartition(Topics.nodeIn(s.node), 0));
      }
      notices.assign(ins);
      notices.seekToBeginning(ins);
      for (int b = 0; b < banks; b++) {
        String node = streams.get(b).node;
        producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, first.get(b)));
      }
      awaitFirstAccepted(notices, banks);
      say("every bank's first batch accepted; the clock starts");
      long start = System.nanoTime() + 200_000_000L;
      for (int i = 0; i < batches; i++) {
        due[i] = start + i * interval;
      }
      long measured = (long) (batches - warmUpBatches) * perBatch;
      Thread reader =
          new Thread(
              () -> {
                while (!done.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : notices.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    int bank = bankIndex.get(r.topic());
                    try {
                      NoticeBatch batch = BatchCodec.openNotices(r.value()).batch();
                      // A notice batch can arrive twice (each hub instance's relay may publish
                      // it; the same bytes): a bank reads each sequence once.
                      long last = batch.getFirstSequence() + batch.getNotices().size() - 1;
                      if (last <= noticeHeads[bank]) {
                        continue;
                      }
                      noticeHeads[bank] = last;
                      for (HubNotice n : batch.getNotices()) {
                        if (n.getPayload() instanceof EventAccepted a) {
                          int sent = (int) ((a.getSequence() - 2) / perBatch) * banks + bank;
                          if (sent >= warmUpBatches && answered.get() < latencies.length) {
                            latencies[(int) answered.getAndIncrement()] = now - due[sent];
                          }
                        }
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException("an unreadable notice batch: " + e, e);
                    }
                  }
                }
              },
              "load-notices");
      reader.start();
      for (int i = 0; i < batches; i++) {
        long wait = due[i] - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        String node = streams.get(i % banks).node;
        producer.send(new ProducerRecord<>(Topics.nodeOut(node), node, sealed.get(i)));
      }
      long sent = System.nanoTime();
      long lateBy = sent - due[batches - 1];
      long deadline = sent + Duration.ofMinutes(5).toNanos();
      while (answered.get() < measured && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long finished = System.nanoTime();
      done.set(true);
      reader.join();
      int n = (int) answered.get();
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      double window = (finished - due[warmUpBatches]) / 1e9;
      say(
          "offered %,d events/s for %d s (the sender ended %.1f s behind its schedule); %,d of %,d"
              + " accepted, the last %.1f s after it was due: %,.0f events/s applied",
          rate,
          seconds,
          Math.max(0, lateBy) / 1e9,
          n,
          measured,
          (finished - due[batches - 1]) / 1e9,
          n / window);
      say(
          "latency from due to acceptance notice at the bank: p50 %.1f ms, p90 %.1f ms, p99 %.1f"
              + " ms, max %.1f ms",
          AuthorizationTiming.percentile(sorted, 50),
          AuthorizationTiming.percentile(sorted, 90),
          AuthorizationTiming.percentile(sorted, 99),
          n == 0 ? 0 : sorted[n - 1] / 1e6);
      if (n < measured) {
        say("%,d events were not accepted within 5 minutes of the last send", measured - n);
      }
    }
  }

  /** Reads notices until every bank's first event is accepted. */
  private static void awaitFirstAccepted(KafkaConsumer<byte[], byte[]> notices, int banks)
      throws Exception {
    Set<String> accepted = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (accepted.size() < banks) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the hub accepted the first batch of " + accepted.size() + " banks of " + banks);
      }
      for (ConsumerRecord<byte[], byte[]> r : notices.poll(Duration.ofMillis(100))) {
        for (HubNotice n : BatchCodec.openNotices(r.value()).batch().getNotices()) {
          if (n.getPayload() instanceof EventAccepted) {
            accepted.add(r.topic());
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
