package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.ServiceTally;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.RedemptionSettled;

/**
 * The service happened: the hold is posted for the minutes used (at most those authorized), the
 * rest released.
 */
@ApplicationScoped
public class RedemptionSettledHandler implements EventHandler<RedemptionSettled> {

  private final RedemptionRepository redemptions;

  RedemptionSettledHandler(RedemptionRepository redemptions) {
    this.redemptions = redemptions;
  }

  @Override
  public Class<RedemptionSettled> type() {
    return RedemptionSettled.class;
  }

  /** The hold is found and checked before it is released and the minutes posted. */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }

  @Override
  public void apply(UnitOfWork work, EventContext<RedemptionSettled> event)
      throws ProtocolException {
    RedemptionSettled s = event.payload();
    RedemptionRepository.Hold hold =
        redemptions.lockHold(work, Fields.uuid("holdId", s.getHoldId())).orElse(null);
    RedemptionRules.checkPending(
        hold, event.nodeId(), s.getRedemptionId(), s.getHoldId(), work.now());
    RedemptionRules.checkUsed(hold, s.getUsedMinutes());
    work.ledger().release(hold.debit(), hold.credit(), hold.amountMinutes());
    if (s.getUsedMinutes() > 0) {
      work.ledger()
          .post(
              Transfer.of(
                  event.eventId(),
                  hold.debit(),
                  hold.credit(),
                  s.getUsedMinutes(),
                  TransferCode.REDEMPTION_SETTLED,
                  event.nodeId()));
      redemptions
          .categoryOf(hold.redemptionId())
          .ifPresent(
              category ->
                  work.ledger()
                      .tally(
                          new ServiceTally(
                              event.eventId(),
                              event.nodeId(),
                              category,
                              ServiceTally.Flow.REDEEMED,
                              s.getUsedMinutes())));
    }
    redemptions.resolve(
        hold.holdId(), "POSTED", (long) s.getUsedMinutes(), event.eventId(), work.now());
  }
}
