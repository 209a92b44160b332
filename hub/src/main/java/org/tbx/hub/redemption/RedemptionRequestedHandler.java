package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tbx.hub.consent.DebitAuthority;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.volunteer.VolunteerFacts;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.hub.volunteer.VolunteerRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionRequested;

/**
 * A bank asks to withdraw a volunteer's minutes, wherever they were earned: the first phase of a
 * two-phase transfer. The volunteer's account row is locked; if the beneficiary may be served and
 * the available minutes suffice, a hold reserves them for the bank until the rulebook's expiry;
 * otherwise the redemption is declined with a reason. Either way the bank gets the decision as a
 * notice.
 */
@ApplicationScoped
public class RedemptionRequestedHandler implements EventHandler<RedemptionRequested> {

  private final RedemptionRepository redemptions;
  private final VolunteerRepository volunteers;
  private final DebitAuthority authority;

  RedemptionRequestedHandler(
      RedemptionRepository redemptions, VolunteerRepository volunteers, DebitAuthority authority) {
    this.redemptions = redemptions;
    this.volunteers = volunteers;
    this.authority = authority;
  }

  @Override
  public Class<RedemptionRequested> type() {
    return RedemptionRequested.class;
  }

  @Override
  public void validate(EventContext<RedemptionRequested> event) throws ProtocolException {
    RedemptionRequested r = event.payload();
    Fields.person("volunteerId", r.getVolunteerId());
    Fields.noNationalId("beneficiaryRef", r.getBeneficiaryRef());
    RedemptionRules.checkRequest(Rulebooks.current(), r);
  }

  @Override
  public void prepare(UnitOfWork work, List<RedemptionRequested> payloads) {
    authority.prepare(
        work,
        payloads.stream().map(RedemptionRequested::getVolunteerId).toList(),
        payloads.stream().map(RedemptionRequested::getConsent).toList());
    redemptions.prefetch(
        work, payloads.stream().map(RedemptionRequested::getRedemptionId).toList());
  }

  private VolunteerFacts facts(UnitOfWork work) {
    return work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers));
  }

  @Override
  public void apply(UnitOfWork work, EventContext<RedemptionRequested> event)
      throws ProtocolException {
    RedemptionRequested r = event.payload();
    Rulebook rules = Rulebooks.current();
    VolunteerRules.requireIndividual(facts(work).of(r.getVolunteerId()));
    if (!redemptions.claim(work, r.getRedemptionId())) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "payload.redemptionId " + r.getRedemptionId() + " was used by an earlier request");
    }
    DebitAuthority.Debit debit =
        new DebitAuthority.Debit(
            event.eventId(),
            event.nodeId(),
            r.getVolunteerId(),
            r.getRequestedMinutes(),
            ConsentPurpose.REDEMPTION,
            r.getConsent(),
            rules.consentRequired(ConsentPurpose.REDEMPTION, r.getRequestedMinutes()));
    Optional<RedemptionRules.Decline> decline = RedemptionRules.beneficiary(rules, r, work.now());
    if (decline.isEmpty()) {
      decline = authority.check(work, debit).map(RedemptionRequestedHandler::declined);
    }
    Account volunteer = Account.volunteer(r.getVolunteerId());
    if (decline.isEmpty()) {
      long available = work.ledger().available(volunteer);
      if (available < r.getRequestedMinutes()) {
        decline =
            Optional.of(
                new RedemptionRules.Decline(
                    ReasonCode.INSUFFICIENT_BALANCE,
                    "available " + available + " minutes, requested " + r.getRequestedMinutes()));
      }
    }
    if (decline.isEmpty()) {
      decline = authority.use(work, debit).map(RedemptionRequestedHandler::declined);
    }
    if (decline.isPresent()) {
      redemptions.insert(
          work,
          event.eventId(),
          event.nodeId(),
          r,
          "DECLINED",
          decline.get().reason().name(),
          work.now());
      work.notify(
          event.nodeId(),
          new RedemptionDeclined(
              r.getRedemptionId(), decline.get().reason(), decline.get().detail()));
      return;
    }
    UUID holdId =
        UUID.nameUUIDFromBytes(("hold:" + event.eventId()).getBytes(StandardCharsets.UTF_8));
    Instant expiresAt = work.now().plus(Duration.ofSeconds(rules.defaultHoldExpirySeconds()));
    Account honoured = Account.bankHonoured(event.nodeId());
    redemptions.insert(work, event.eventId(), event.nodeId(), r, "AUTHORIZED", null, work.now());
    work.ledger().reserve(volunteer, honoured, r.getRequestedMinutes());
    redemptions.insertHold(
        work,
        holdId,
        r.getRedemptionId(),
        event.nodeId(),
        volunteer,
        honoured,
        r.getRequestedMinutes(),
        expiresAt);
    work.notify(
        event.nodeId(),
        new RedemptionAuthorized(
            r.getRedemptionId(), holdId.toString(), r.getRequestedMinutes(), expiresAt));
  }

  /** Every rule is checked before the first write; a decline is an outcome, not a refusal. */
  @Override
  public boolean checksBeforeChanges() {
    return true;
  }

  private static RedemptionRules.Decline declined(DebitAuthority.Refusal refusal) {
    return new RedemptionRules.Decline(refusal.reason(), refusal.detail());
  }

  @Override
  public String volunteerOf(RedemptionRequested payload) {
    return payload.getVolunteerId();
  }
}
