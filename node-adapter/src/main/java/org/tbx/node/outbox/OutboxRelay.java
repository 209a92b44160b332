package org.tbx.node.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.kit.kafka.TopicAdmin;
import org.tbx.kit.outbox.RelayLoop;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.kafka.KafkaClients;

/**
 * Moves the outbox to Kafka: seals what is waiting into batches (one event when idle, up to the
 * batch limit under load), then publishes the sealed batches in order with the shared {@link
 * BatchPublisher}. It runs as soon as a write that queued an event commits, and every {@code
 * tbx.node.relay-interval} besides.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final int BATCHES_PER_TURN = 100;

  private final OutboxSealer sealer;
  private final BatchPublisher publisher;
  private final NodeConfig config;
  private final RelayLoop loop;

  OutboxRelay(
      OutboxSealer sealer,
      OutboxBatches batches,
      Producer<String, byte[]> producer,
      KafkaClients clients,
      TopicAdmin topics,
      NodeConfig config) {
    this.sealer = sealer;
    this.publisher =
        new BatchPublisher(producer, clients.settings(), topics, batches, BATCHES_PER_TURN);
    this.config = config;
    this.loop = new RelayLoop("tbx-outbox-relay", config.relayInterval(), this::relay);
  }

  void onStart(@Observes StartupEvent event) {
    loop.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop(Duration.ofSeconds(10));
  }

  void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Queued queued) {
    loop.nudge();
  }

  private void relay() {
    int sealed;
    do {
      sealed = sealer.sealNext();
    } while (sealed == config.maxBatchEvents());
    publisher.publishPending();
  }
}
