package org.tbx.hub.giving;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.GrantIssued;

/**
 * A government or sponsor grants unearned minutes; the grantor ({@code grant:<id>}), not a bank,
 * backs them.
 */
@ApplicationScoped
public class GrantIssuedHandler implements EventHandler<GrantIssued> {

  @Override
  public Class<GrantIssued> type() {
    return GrantIssued.class;
  }

  @Override
  public void validate(EventContext<GrantIssued> event) throws ProtocolException {
    GrantIssued g = event.payload();
    Fields.ref("grantorId", g.getGrantorId());
    Fields.volunteerId("volunteerId", g.getVolunteerId());
    Fields.minutes("minutes", g.getMinutes());
  }

  @Override
  public boolean checksBeforeChanges() {
    return true;
  }

  @Override
  public void apply(UnitOfWork work, EventContext<GrantIssued> event) {
    GrantIssued grant = event.payload();
    work.ledger()
        .post(
            Transfer.of(
                event.eventId(),
                Account.grant(grant.getGrantorId()),
                Account.volunteer(grant.getVolunteerId()),
                grant.getMinutes(),
                TransferCode.GRANT_ISSUED,
                event.nodeId()));
  }

  @Override
  public String volunteerOf(GrantIssued payload) {
    return payload.getVolunteerId();
  }
}
