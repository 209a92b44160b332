package org.tbx.hub.notice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.kit.kafka.TopicAdmin;
import org.tbx.kit.outbox.RelayLoop;

/**
 * Moves the notice outbox to the banks: seals each bank's waiting notices into a signed batch
 * chained to its previous one, then publishes the sealed batches in order to {@code
 * tbx.node.<nodeId>.in} with the shared {@link BatchPublisher}. It runs as soon as a transaction
 * that queued notices commits, and every {@code tbx.hub.notice-interval} besides.
 */
@ApplicationScoped
public class NoticeRelay {

  private static final int BATCHES_PER_TURN = 200;

  private final NoticeSealer sealer;
  private final BatchPublisher publisher;
  private final RelayLoop loop;

  NoticeRelay(
      NoticeSealer sealer,
      NoticeBatches batches,
      Producer<String, byte[]> producer,
      KafkaClients clients,
      TopicAdmin topics,
      HubConfig config) {
    this.sealer = sealer;
    this.publisher =
        new BatchPublisher(producer, clients.settings(), topics, batches, BATCHES_PER_TURN);
    this.loop = new RelayLoop("tbx-notice-relay", config.noticeInterval(), this::relay);
  }

  void onStart(@Observes StartupEvent event) {
    loop.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop(Duration.ofSeconds(10));
  }

  void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) NoticeOutbox.Queued queued) {
    loop.nudge();
  }

  private void relay() {
    while (QuarkusTransaction.requiringNew().call(sealer::sealWaiting) > 0) {
      // seal until nothing waits; each turn seals at most one batch per bank
    }
    publisher.publishPending();
  }
}
