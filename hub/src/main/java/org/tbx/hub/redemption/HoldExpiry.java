package org.tbx.hub.redemption;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionDeclined;

/**
 * Releases holds that were neither settled nor cancelled before they expired, by the hub's clock.
 */
@ApplicationScoped
public class HoldExpiry {

  private final RedemptionRepository redemptions;
  private final LedgerRepository ledger;
  private final NoticeOutbox notices;
  private final Clock clock;

  HoldExpiry(
      RedemptionRepository redemptions,
      LedgerRepository ledger,
      NoticeOutbox notices,
      Clock clock) {
    this.redemptions = redemptions;
    this.ledger = ledger;
    this.notices = notices;
    this.clock = clock;
  }

  private volatile boolean stopping;

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.hub.expiry-sweep}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweep() {
    if (stopping) {
      return;
    }
    try {
      int expired = QuarkusTransaction.requiringNew().call(() -> expireDue(clock.instant()));
      if (expired > 0) {
        Log.infof("released %d expired holds", expired);
      }
    } catch (RuntimeException e) {
      if (stopping) {
        Log.debugf("the hold expiry sweep stopped by the shutdown: %s", e);
      } else {
        Log.error("the hold expiry sweep failed; it retries on its next turn", e);
      }
    }
  }

  /**
   * Expires pending holds whose time has passed, releasing their minutes, and tells each bank with
   * a {@code RedemptionDeclined} of reason {@code HOLD_EXPIRED} (PROTOCOL.md section 6); call in a
   * transaction.
   */
  public int expireDue(Instant now) {
    LedgerSession session = new LedgerSession(ledger);
    NoticeOutbox.Pending told = notices.begin();
    int expired = 0;
    for (RedemptionRepository.Hold hold : redemptions.lockExpired(now, 1000)) {
      session.release(hold.debit(), hold.credit(), hold.amountMinutes());
      redemptions.resolve(hold.holdId(), "EXPIRED", null, null, now);
      told.add(
          hold.nodeId(),
          new RedemptionDeclined(
              hold.redemptionId(),
              ReasonCode.HOLD_EXPIRED,
              "the hold of "
                  + hold.amountMinutes()
                  + " minutes expired at "
                  + hold.expiresAt()
                  + " unsettled; the minutes are the volunteer's again"),
          now);
      expired++;
    }
    session.flush();
    notices.write(told);
    return expired;
  }
}
