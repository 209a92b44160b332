package org.tbx.node.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tbx.node.config.NodeConfig;

/**
 * Pushes queued hub decisions to the bank's webhook, oldest first, and retries a delivery that
 * failed with a growing pause (2, 4, 8 ... seconds, at most 10 minutes) until the bank's system
 * answers 2xx. Deliveries are kept, delivered or not, and can be listed.
 */
@ApplicationScoped
public class WebhookPusher {

  private static final int PER_TURN = 50;
  private static final long MAX_PAUSE_MILLIS = 600_000;

  private final NodeConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean stopping;

  WebhookPusher(NodeConfig config) {
    this.config = config;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.node.relay-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void push() {
    if (stopping || config.webhookUrl().isEmpty()) {
      return;
    }
    URI url = URI.create(config.webhookUrl().get());
    List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> due());
    for (Object[] row : due) {
      long id = ((Number) row[0]).longValue();
      int attempts = ((Number) row[2]).intValue();
      String error = send(url, id, (String) row[1]);
      QuarkusTransaction.requiringNew()
          .run(() -> record(id, attempts + 1, error, config.webhookRetryPause()));
      if (error != null) {
        break;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> due() {
    return Panache.getEntityManager()
        .createNativeQuery(
            "select id, cast(body as text), attempts from webhook_delivery "
                + "where delivered_at is null and next_attempt_at <= now() order by id limit "
                + PER_TURN)
        .getResultList();
  }

  /**
   * @return null when delivered, else what went wrong
   */
  private String send(URI url, long id, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("X-TBX-Delivery", Long.toString(id))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void record(long id, int attempts, String error, Duration firstPause) {
    if (error == null) {
      Panache.getEntityManager()
          .createNativeQuery(
              "update webhook_delivery set attempts = :a, delivered_at = now(), last_error = null where id = :id")
          .setParameter("a", attempts)
          .setParameter("id", id)
          .executeUpdate();
      return;
    }
    long pause = Math.min(MAX_PAUSE_MILLIS, firstPause.toMillis() << Math.min(attempts - 1, 20));
    Log.warnf(
        "webhook delivery %d failed (%s); attempt %d, next in %d ms", id, error, attempts, pause);
    Panache.getEntityManager()
        .createNativeQuery(
            "update webhook_delivery set attempts = :a, last_error = :e, next_attempt_at = :n where id = :id")
        .setParameter("a", attempts)
        .setParameter("e", error)
        .setParameter("n", Instant.now().plusMillis(pause))
        .setParameter("id", id)
        .executeUpdate();
  }
}
