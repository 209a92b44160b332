package org.tbx.node.notice;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.kafka.KafkaClients;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;

/**
 * Reads the hub's notices on {@code tbx.node.<nodeId>.in}, checks the hub's signature on each batch
 * and its place in the notice chain ({@link NoticeChain}: lost batches are fetched from the hub)
 * and records the hub's answers; offsets are committed only after every record of a poll was
 * recorded or parked. A record that does not decode or is not signed by the hub is parked with its
 * reason ({@link ParkedNotices}), never dropped; a failure (database away, say) is retried from the
 * last committed offset after a pause, and the consumer never stops for good.
 */
@ApplicationScoped
public class NoticeConsumer {

  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final KafkaClients clients;
  private final HubDecisions decisions;
  private final ParkedNotices parked;
  private final NodeConfig config;
  private final AtomicLong failures = new AtomicLong();
  private ExecutorService executor;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private final NoticeChain chain;
  private final MissingNotices missing;

  NoticeConsumer(
      KafkaClients clients,
      HubDecisions decisions,
      ParkedNotices parked,
      NodeConfig config,
      NoticeChain chain,
      MissingNotices missing) {
    this.clients = clients;
    this.decisions = decisions;
    this.parked = parked;
    this.config = config;
    this.chain = chain;
    this.missing = missing;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.hubPublicKey().isEmpty()) {
      Log.warn(
          "TBX_HUB_PUBLIC_KEY (tbx.node.hub-public-key) is not set: the adapter cannot verify the hub's notices "
              + "and does not read them; set it to the hub's key from GET /api/v1/hub/key");
      return;
    }
    PublicKey hubKey;
    try {
      hubKey = Ed25519Keys.publicKey(HexFormat.of().parseHex(config.hubPublicKey().get()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "TBX_HUB_PUBLIC_KEY must be the hub's 64-hex-digit Ed25519 public key: "
              + e.getMessage());
    }
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "tbx-hub-notices"));
    executor.execute(() -> run(hubKey));
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * @return how many polls or consumers failed and were retried since start
   */
  public long failures() {
    return failures.get();
  }

  private void run(PublicKey hubKey) {
    while (stopping.getCount() > 0) {
      try (KafkaConsumer<byte[], byte[]> c = clients.noticeConsumer()) {
        consumer = c;
        c.subscribe(List.of(Topics.nodeIn(config.id())));
        while (stopping.getCount() > 0) {
          ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
          if (records.isEmpty()) {
            continue;
          }
          for (ConsumerRecord<byte[], byte[]> record : records) {
            read(record, hubKey);
          }
          c.commitSync();
        }
      } catch (WakeupException e) {
        // stopping
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        Log.errorf(
            e, "reading the hub's notices failed; it starts again from the last committed offset");
        pause();
      } finally {
        consumer = null;
      }
    }
  }

  private void read(ConsumerRecord<byte[], byte[]> record, PublicKey hubKey) {
    BatchCodec.OpenedNotices opened;
    try {
      opened = BatchCodec.openNotices(record.value());
    } catch (ProtocolException e) {
      Log.warnf(
          "notice record at offset %d does not decode (%s %s); parked",
          record.offset(), e.reason(), e.getMessage());
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  parked.park(
                      record.partition(),
                      record.offset(),
                      record.value(),
                      null,
                      e.reason().name(),
                      e.getMessage()));
      return;
    }
    if (!opened.signedBy(hubKey)) {
      Log.warnf(
          "notice record at offset %d is not signed by the hub's key; parked", record.offset());
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  parked.park(
                      record.partition(),
                      record.offset(),
                      record.value(),
                      null,
                      "BAD_SIGNATURE",
                      "not signed by TBX_HUB_PUBLIC_KEY (key id "
                          + opened.signed().getKeyId()
                          + ")"));
      return;
    }
    QuarkusTransaction.requiringNew().run(() -> admit(opened, record, hubKey));
  }

  /**
   * Applies a signed batch in chain order: the next one is applied, a replay skipped, one that does
   * not chain parked; before one that follows a gap, the missing batches are fetched from the hub
   * and applied. When the hub cannot give them the poll fails and is retried later, so nothing
   * after a gap is applied before the gap is filled.
   */
  private void admit(
      BatchCodec.OpenedNotices opened, ConsumerRecord<byte[], byte[]> record, PublicKey hubKey) {
    NoticeChain.Check check = chain.check(opened.batch(), opened.batchHash());
    if (check.verdict() == NoticeChain.Verdict.GAP) {
      Log.warnf("hub notices: %s; asking the hub for them", check.detail());
      recover(check.lastSequence(), opened.batch().getFirstSequence() - 1, hubKey);
      check = chain.check(opened.batch(), opened.batchHash());
      if (check.verdict() == NoticeChain.Verdict.GAP) {
        throw new IllegalStateException(
            "hub notices: " + check.detail() + " and the hub did not give them; retrying later");
      }
    }
    switch (check.verdict()) {
      case NEXT -> {
        decisions.apply(opened.batch().getNotices(), record);
        chain.advance(opened.batch(), opened.batchHash());
      }
      case REPLAY ->
          Log.debugf(
              "notice batch from %d at offset %d applied before; skipped",
              opened.batch().getFirstSequence(), record.offset());
      default -> {
        Log.warnf("notice record at offset %d: %s; parked", record.offset(), check.detail());
        parked.park(
            record.partition(),
            record.offset(),
            record.value(),
            null,
            "NOTICE_CHAIN_BROKEN",
            check.detail());
      }
    }
  }

  /** Fetches the hub's sealed batches after {@code last} up to {@code until} and applies them. */
  private void recover(long last, long until, PublicKey hubKey) {
    for (byte[] value : missing.fetch(last, until)) {
      BatchCodec.OpenedNotices opened;
      try {
        opened = BatchCodec.openNotices(value);
      } catch (ProtocolException e) {
        throw new IllegalStateException("the hub served a notice batch that does not decode", e);
      }
      if (!opened.signedBy(hubKey)) {
        throw new IllegalStateException(
            "the hub served a notice batch not signed by TBX_HUB_PUBLIC_KEY; not applied");
      }
      NoticeChain.Check check = chain.check(opened.batch(), opened.batchHash());
      if (check.verdict() == NoticeChain.Verdict.NEXT) {
        decisions.apply(
            opened.batch().getNotices(),
            new ConsumerRecord<>(Topics.nodeIn(config.id()), -1, -1L, null, value));
        chain.advance(opened.batch(), opened.batchHash());
        Log.infof(
            "hub notices %d..%d recovered from the hub",
            opened.batch().getFirstSequence(),
            opened.batch().getFirstSequence() + opened.batch().getNotices().size() - 1);
      } else if (check.verdict() == NoticeChain.Verdict.BROKEN) {
        throw new IllegalStateException(
            "the hub served notice batch "
                + opened.batch().getFirstSequence()
                + " that does not fit: "
                + check.detail());
      }
    }
  }

  private void pause() {
    try {
      stopping.await(PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
