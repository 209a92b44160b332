package org.tbx.node.outbox;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.kit.kafka.TopicAdmin;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.kafka.KafkaClients;

/**
 * Moves the outbox to Kafka: seals what is waiting into batches (one event when idle, up to the
 * batch limit under load), then publishes the sealed batches in order with the shared {@link
 * BatchPublisher}.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final int BATCHES_PER_TURN = 100;

  private final OutboxSealer sealer;
  private final BatchPublisher publisher;
  private final NodeConfig config;
  private volatile boolean stopping;

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
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.node.relay-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void relay() {
    if (stopping) {
      return;
    }
    try {
      int sealed;
      do {
        sealed = sealer.sealNext();
      } while (sealed == config.maxBatchEvents());
      publisher.publishPending();
    } catch (RuntimeException e) {
      Log.error("the outbox relay failed; it retries on its next turn", e);
    }
  }
}
