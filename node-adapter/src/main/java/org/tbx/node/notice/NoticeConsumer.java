package org.tbx.node.notice;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.kafka.KafkaClients;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;

/**
 * Reads the hub's notices on {@code tbx.node.<nodeId>.in}, checks the hub's signature on each batch and
 * records the hub's answers; offsets are committed after the answers are stored.
 */
@ApplicationScoped
public class NoticeConsumer {

  private final KafkaClients clients;
  private final HubDecisions decisions;
  private final NodeConfig config;
  private ExecutorService executor;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;

  NoticeConsumer(KafkaClients clients, HubDecisions decisions, NodeConfig config) {
    this.clients = clients;
    this.decisions = decisions;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.hubPublicKey().isEmpty()) {
      Log.warn("TBX_HUB_PUBLIC_KEY (tbx.node.hub-public-key) is not set: the adapter cannot verify the hub's notices "
          + "and does not read them; set it to the hub's key from GET /api/v1/hub/key");
      return;
    }
    PublicKey hubKey;
    try {
      hubKey = Ed25519Keys.publicKey(HexFormat.of().parseHex(config.hubPublicKey().get()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("TBX_HUB_PUBLIC_KEY must be the hub's 64-hex-digit Ed25519 public key: " + e.getMessage());
    }
    running = true;
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "tbx-hub-notices"));
    executor.execute(() -> run(hubKey));
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
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

  private void run(PublicKey hubKey) {
    try (KafkaConsumer<String, byte[]> c = clients.noticeConsumer()) {
      consumer = c;
      c.subscribe(List.of(Topics.nodeIn(config.id())));
      while (running) {
        var records = c.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          read(record, hubKey);
        }
        if (!records.isEmpty()) {
          c.commitSync();
        }
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      Log.error("the hub notice consumer stopped on an unexpected error", e);
    }
  }

  private void read(ConsumerRecord<String, byte[]> record, PublicKey hubKey) {
    try {
      BatchCodec.OpenedNotices opened = BatchCodec.openNotices(record.value());
      if (!opened.signedBy(hubKey)) {
        Log.warnf("notice record at offset %d is not signed by the hub's key; ignored", record.offset());
        return;
      }
      decisions.apply(opened.batch().getNotices());
    } catch (ProtocolException e) {
      Log.warnf("notice record at offset %d does not decode (%s %s); ignored", record.offset(), e.reason(), e.getMessage());
    }
  }
}
