package org.tbx.hub.redemption;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;

/** Releases holds that were neither settled nor cancelled before they expired. */
@ApplicationScoped
public class HoldExpiry {

  private final DataSource dataSource;
  private final RedemptionService redemptions;

  HoldExpiry(DataSource dataSource, RedemptionService redemptions) {
    this.dataSource = dataSource;
    this.redemptions = redemptions;
  }

  @Scheduled(every = "${tbx.hub.expiry-sweep}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      int expired = QuarkusTransaction.requiringNew().call(() -> {
        try (Connection c = dataSource.getConnection()) {
          return redemptions.expireDue(c, Instant.now());
        }
      });
      if (expired > 0) {
        Log.infof("released %d expired holds", expired);
      }
    } catch (RuntimeException e) {
      Log.error("the hold expiry sweep failed; it retries on its next turn", e);
    }
  }
}
