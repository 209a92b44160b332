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
import org.tbx.hub.volunteer.VolunteerFacts;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.hub.volunteer.VolunteerRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.ReasonCode;

/** A gift of minutes to a relative of an allowed relation, from the giver's available minutes. */
@ApplicationScoped
public class HoursGiftedHandler implements EventHandler<HoursGifted> {

  private final VolunteerRepository volunteers;
  private final DebitAuthority authority;

  HoursGiftedHandler(VolunteerRepository volunteers, DebitAuthority authority) {
    this.volunteers = volunteers;
    this.authority = authority;
  }

  @Override
  public Class<HoursGifted> type() {
    return HoursGifted.class;
  }

  @Override
  public void validate(EventContext<HoursGifted> event) throws ProtocolException {
    HoursGifted g = event.payload();
    Fields.person("volunteerId", g.getVolunteerId());
    Fields.person("recipientVolunteerId", g.getRecipientVolunteerId());
    Fields.volunteerId("recipientVolunteerId", g.getRecipientVolunteerId());
    Fields.minutes("minutes", g.getMinutes());
  }

  @Override
  public void prepare(UnitOfWork work, List<HoursGifted> payloads) {
    authority.prepare(
        work,
        payloads.stream().map(HoursGifted::getVolunteerId).toList(),
        payloads.stream().map(HoursGifted::getConsent).toList());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<HoursGifted> event) throws ProtocolException {
    HoursGifted gift = event.payload();
    VolunteerRules.requireIndividual(
        work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers))
            .of(gift.getVolunteerId()));
    if (!Rulebooks.current().mayGiftTo(gift.getRelation())) {
      throw new ProtocolException(
          ReasonCode.RELATION_NOT_ALLOWED,
          "payload.relation "
              + gift.getRelation()
              + " may not receive gifts; allowed: "
              + Rulebooks.current().giftRelations());
    }
    Spending.authorized(
        work,
        authority,
        new DebitAuthority.Debit(
            event.eventId(),
            event.nodeId(),
            gift.getVolunteerId(),
            gift.getMinutes(),
            ConsentPurpose.GIFT,
            gift.getConsent(),
            Rulebooks.current().consentRequired(ConsentPurpose.GIFT, gift.getMinutes())),
        () ->
            Spending.checked(
                work,
                event,
                Account.volunteer(gift.getVolunteerId()),
                Account.volunteer(gift.getRecipientVolunteerId()),
                gift.getMinutes(),
                TransferCode.HOURS_GIFTED));
  }

  @Override
  public String volunteerOf(HoursGifted payload) {
    return payload.getVolunteerId();
  }

  /** Every rule is checked before the first write ({@link Spending#authorized}). */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }
}
