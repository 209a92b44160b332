package org.tbx.hub.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ingest.NodeStreamConsumer;

/**
 * Readiness tells the truth about ingest: DOWN when the consumer thread is not running, or when
 * records wait on the bank topics and nothing was applied for {@code tbx.hub.stall-after}, with the
 * lag and the last error.
 */
@Readiness
@ApplicationScoped
public class IngestHealth implements HealthCheck {

  private final NodeStreamConsumer consumer;
  private final HubConfig config;

  IngestHealth(NodeStreamConsumer consumer, HubConfig config) {
    this.consumer = consumer;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder answer =
        HealthCheckResponse.named("ingest").withData("lagRecords", consumer.lag());
    consumer.lastError().ifPresent(e -> answer.withData("lastError", e));
    if (!consumer.isRunning()) {
      return answer.down().withData("reason", "the node stream consumer is not running").build();
    }
    Duration idle = Duration.ofNanos(consumer.sinceProgress());
    if (consumer.lag() > 0 && idle.compareTo(config.stallAfter()) > 0) {
      return answer
          .down()
          .withData(
              "reason",
              "records wait and nothing was applied for " + idle.toSeconds() + " s: ingest stalled")
          .build();
    }
    return answer.up().build();
  }
}
