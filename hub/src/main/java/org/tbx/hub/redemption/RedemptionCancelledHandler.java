package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.RedemptionCancelled;

/** The service will not happen: the hold is released. */
@ApplicationScoped
public class RedemptionCancelledHandler implements EventHandler<RedemptionCancelled> {

  private final RedemptionRepository redemptions;

  RedemptionCancelledHandler(RedemptionRepository redemptions) {
    this.redemptions = redemptions;
  }

  @Override
  public Class<RedemptionCancelled> type() {
    return RedemptionCancelled.class;
  }

  /** The hold is found and checked before it is released and the minutes posted. */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }

  @Override
  public void apply(UnitOfWork work, EventContext<RedemptionCancelled> event)
      throws ProtocolException {
    RedemptionCancelled x = event.payload();
    RedemptionRepository.Hold hold =
        redemptions.lockHold(work, Fields.uuid("holdId", x.getHoldId())).orElse(null);
    RedemptionRules.checkPending(
        hold, event.nodeId(), x.getRedemptionId(), x.getHoldId(), work.now());
    work.ledger().release(hold.debit(), hold.credit(), hold.amountMinutes());
    redemptions.resolve(hold.holdId(), "VOIDED", null, event.eventId(), work.now());
  }
}
