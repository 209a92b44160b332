package org.tbx.kit.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness includes the broker: {@code /q/health/ready} is DOWN, with the reason, while the
 * service cannot reach Kafka with its own login.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

  private final KafkaSettings settings;
  private Admin admin;

  KafkaReadiness(KafkaSettings settings) {
    this.settings = settings;
  }

  @Override
  public synchronized HealthCheckResponse call() {
    try {
      if (admin == null) {
        admin = settings.admin();
      }
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
              .nodes()
              .get(4, TimeUnit.SECONDS)
              .size();
      return HealthCheckResponse.named("kafka")
          .up()
          .withData("bootstrap", settings.bootstrapServers())
          .withData("brokers", brokers)
          .build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return HealthCheckResponse.named("kafka")
          .down()
          .withData("bootstrap", settings.bootstrapServers())
          .withData("error", String.valueOf(e.getCause() != null ? e.getCause() : e))
          .build();
    }
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
