package org.tbx.hub.redemption;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;

/**
 * Releases holds that were neither settled nor cancelled before they expired, by the hub's clock.
 */
@ApplicationScoped
public class HoldExpiry {

  private final RedemptionRepository redemptions;
  private final LedgerRepository ledger;
  private final Clock clock;

  HoldExpiry(RedemptionRepository redemptions, LedgerRepository ledger, Clock clock) {
    this.redemptions = redemptions;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Scheduled(
      every = "${tbx.hub.expiry-sweep}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      int expired = QuarkusTransaction.requiringNew().call(() -> expireDue(clock.instant()));
      if (expired > 0) {
        Log.infof("released %d expired holds", expired);
      }
    } catch (RuntimeException e) {
      Log.error("the hold expiry sweep failed; it retries on its next turn", e);
    }
  }

  /**
   * Expires pending holds whose time has passed, releasing their minutes; call in a transaction.
   */
  public int expireDue(Instant now) {
    LedgerSession session = new LedgerSession(ledger);
    int expired = 0;
    for (RedemptionRepository.Hold hold : redemptions.lockExpired(now, 1000)) {
      session.release(hold.debit(), hold.credit(), hold.amountMinutes());
      redemptions.resolve(hold.holdId(), "EXPIRED", null, null, now);
      expired++;
    }
    return expired;
  }
}
