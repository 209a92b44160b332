package org.tbx.node.outbox;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.node.config.NodeConfig;

/**
 * Moves the outbox to Kafka: seals what is waiting into batches (one event when idle, up to the batch
 * limit under load), then publishes the sealed batches in order.
 */
@ApplicationScoped
public class OutboxRelay {

  private final OutboxSealer sealer;
  private final OutboxPublisher publisher;
  private final NodeConfig config;

  OutboxRelay(OutboxSealer sealer, OutboxPublisher publisher, NodeConfig config) {
    this.sealer = sealer;
    this.publisher = publisher;
    this.config = config;
  }

  private volatile boolean stopping;

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(every = "${tbx.node.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
