package org.tbx.hub.giving;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Balance;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.PoolAllocated;
import org.tbx.protocol.v1.ReasonCode;

/** Minutes of a public pool allocated to a volunteer, first to priority elders. */
@ApplicationScoped
public class PoolAllocatedHandler implements EventHandler<PoolAllocated> {

  @Override
  public Class<PoolAllocated> type() {
    return PoolAllocated.class;
  }

  @Override
  public void validate(EventContext<PoolAllocated> event) throws ProtocolException {
    PoolAllocated a = event.payload();
    Fields.ref("poolId", a.getPoolId());
    Fields.volunteerId("volunteerId", a.getVolunteerId());
    Fields.minutes("minutes", a.getMinutes());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<PoolAllocated> event) throws ProtocolException {
    PoolAllocated allocation = event.payload();
    Account pool = Account.pool(allocation.getPoolId());
    if (work.ledger().lock(pool).map(Balance::available).isEmpty()) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_POOL,
          "pool " + allocation.getPoolId() + " has never received minutes");
    }
    work.ledger()
        .post(
            Spending.checked(
                work,
                event,
                pool,
                Account.volunteer(allocation.getVolunteerId()),
                allocation.getMinutes(),
                TransferCode.POOL_ALLOCATED));
  }

  @Override
  public String volunteerOf(PoolAllocated payload) {
    return payload.getVolunteerId();
  }

  /** Every rule is checked before the transfer is posted, the only write. */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }
}
