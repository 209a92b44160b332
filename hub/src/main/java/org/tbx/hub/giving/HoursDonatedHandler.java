package org.tbx.hub.giving;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.tbx.hub.consent.DebitAuthority;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.ReasonCode;

/**
 * A donation of minutes to a public pool, from the donor's available minutes (group accounts may
 * donate).
 */
@ApplicationScoped
public class HoursDonatedHandler implements EventHandler<HoursDonated> {

  private final DebitAuthority authority;

  HoursDonatedHandler(DebitAuthority authority) {
    this.authority = authority;
  }

  @Override
  public Class<HoursDonated> type() {
    return HoursDonated.class;
  }

  @Override
  public void validate(EventContext<HoursDonated> event) throws ProtocolException {
    HoursDonated d = event.payload();
    Fields.person("volunteerId", d.getVolunteerId());
    if (!d.getPoolId().matches(FieldRules.PSEUDONYMOUS_REF)) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_POOL, "payload.poolId must match " + FieldRules.PSEUDONYMOUS_REF);
    }
    Fields.minutes("minutes", d.getMinutes());
  }

  @Override
  public void prepare(UnitOfWork work, List<HoursDonated> payloads) {
    authority.prepare(
        work,
        payloads.stream().map(HoursDonated::getVolunteerId).toList(),
        payloads.stream().map(HoursDonated::getConsent).toList());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<HoursDonated> event) throws ProtocolException {
    HoursDonated donation = event.payload();
    Spending.authorized(
        work,
        authority,
        new DebitAuthority.Debit(
            event.eventId(),
            event.nodeId(),
            donation.getVolunteerId(),
            donation.getMinutes(),
            ConsentPurpose.DONATION,
            donation.getConsent(),
            Rulebooks.current().consentRequired(ConsentPurpose.DONATION, donation.getMinutes())),
        () ->
            Spending.checked(
                work,
                event,
                Account.volunteer(donation.getVolunteerId()),
                Account.pool(donation.getPoolId()),
                donation.getMinutes(),
                TransferCode.HOURS_DONATED));
  }

  @Override
  public String volunteerOf(HoursDonated payload) {
    return payload.getVolunteerId();
  }

  /** Every rule is checked before the first write ({@link Spending#authorized}). */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }
}
