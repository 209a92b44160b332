package org.tbx.hub.notice;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.kit.kafka.TopicAdmin;

/**
 * Moves the notice outbox to the banks: seals each bank's waiting notices into a signed batch
 * chained to its previous one, then publishes the sealed batches in order to {@code
 * tbx.node.<nodeId>.in} with the shared {@link BatchPublisher}.
 */
@ApplicationScoped
public class NoticeRelay {

  private static final int BATCHES_PER_TURN = 200;

  private final NoticeSealer sealer;
  private final BatchPublisher publisher;
  private volatile boolean stopping;

  NoticeRelay(
      NoticeSealer sealer,
      NoticeBatches batches,
      Producer<String, byte[]> producer,
      KafkaClients clients,
      TopicAdmin topics) {
    this.sealer = sealer;
    this.publisher =
        new BatchPublisher(producer, clients.settings(), topics, batches, BATCHES_PER_TURN);
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.hub.notice-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void relay() {
    if (stopping) {
      return;
    }
    try {
      while (QuarkusTransaction.requiringNew().call(sealer::sealWaiting) > 0) {
        // seal until nothing waits; each turn seals at most one batch per bank
      }
      publisher.publishPending();
    } catch (RuntimeException e) {
      Log.error("the notice relay failed; it retries on its next turn", e);
    }
  }
}
