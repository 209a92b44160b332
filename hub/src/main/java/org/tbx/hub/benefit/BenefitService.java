package org.tbx.hub.benefit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.tbx.hub.consent.DebitAuthority;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.hub.ingest.HubEvents;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ConsentRequest;
import org.tbx.kit.api.Written;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * Benefits (PROTOCOL.md section 15): a bank offers a kind of benefit the rulebook in force allows,
 * for a number of minutes, never cash unless the rulebook allows cash; it redeems one for a
 * volunteer it enrolled, with their consent, as a debit the hub posts from the volunteer to the
 * bank's honoured account (a transfer of that bank, so the volunteer may dispute it like any debit)
 * and logs as an event of its own. Both are idempotent by the bank's own ids.
 */
@ApplicationScoped
public class BenefitService {

  /** The kind of benefit that converts hours to cash. */
  static final String CASH = "CASH";

  /** The hub's event type of a redemption. */
  static final String REDEEMED_EVENT = "BenefitRedeemed";

  private final BenefitRepository benefits;
  private final LedgerRepository ledger;
  private final DebitAuthority authority;
  private final HubEvents hubEvents;
  private final Clock clock;

  BenefitService(
      BenefitRepository benefits,
      LedgerRepository ledger,
      DebitAuthority authority,
      HubEvents hubEvents,
      Clock clock) {
    this.benefits = benefits;
    this.ledger = ledger;
    this.authority = authority;
    this.hubEvents = hubEvents;
    this.clock = clock;
  }

  /**
   * Offers a benefit of the calling bank.
   *
   * @throws ApiException 409 BENEFITS_NOT_ALLOWED when the rulebook in force has no benefit rules,
   *     CASH_CONVERSION_FORBIDDEN or BENEFIT_KIND_NOT_ALLOWED for a kind it does not allow,
   *     BENEFIT_ID_REUSED when the id names another benefit
   */
  @Transactional
  public Written<BenefitRepository.Benefit> offer(BenefitRepository.Benefit b) {
    allowed(b.kind());
    if (benefits.offer(b)) {
      return new Written<>(true, benefits.benefit(b.benefitId()).orElseThrow());
    }
    BenefitRepository.Benefit first = benefits.benefit(b.benefitId()).orElseThrow();
    if (!first.sameAs(b)) {
      throw ApiException.conflict(
          "BENEFIT_ID_REUSED",
          "benefit "
              + b.benefitId()
              + " was offered before by "
              + first.nodeId()
              + " as "
              + first.nameEn()
              + " ("
              + first.kind()
              + ", "
              + first.minutes()
              + " minutes); a changed benefit needs a new id");
    }
    return new Written<>(false, first);
  }

  /**
   * Redeems a benefit for a volunteer, by the bank that offers it, with the volunteer's consent.
   *
   * @throws ApiException 404 UNKNOWN_BENEFIT, 403 BENEFIT_NOT_OFFERED (another bank's) or
   *     NOT_ENROLLED_AT_BANK, 400 for a consent given for another volunteer, bank or purpose, 409
   *     for a consent refused (CONSENT_*), INSUFFICIENT_BALANCE, a kind the rulebook in force no
   *     longer allows, or BENEFIT_REDEMPTION_ID_REUSED
   */
  @Transactional
  public Written<BenefitRepository.Redemption> redeem(
      String benefitId, String node, UUID redemptionId, String volunteerId, ConsentRequest given) {
    BenefitRepository.Benefit b =
        benefits
            .benefit(benefitId)
            .orElseThrow(
                () ->
                    ApiException.of(
                        404,
                        "UNKNOWN_BENEFIT",
                        "there is no benefit " + benefitId + " (GET /api/v1/benefits lists them)"));
    if (!b.nodeId().equals(node)) {
      throw ApiException.of(
          403,
          "BENEFIT_NOT_OFFERED",
          "bank " + node + " does not offer benefit " + benefitId + "; " + b.nodeId() + " does");
    }
    var first = benefits.redemption(redemptionId);
    if (first.isPresent()) {
      BenefitRepository.Redemption r = first.get();
      if (r.benefitId().equals(benefitId) && r.volunteerId().equals(volunteerId)) {
        return new Written<>(false, r);
      }
      throw ApiException.conflict(
          "BENEFIT_REDEMPTION_ID_REUSED",
          "redemption "
              + redemptionId
              + " was of benefit "
              + r.benefitId()
              + " for volunteer "
              + r.volunteerId()
              + "; another redemption needs a new id");
    }
    Rulebook rules = allowed(b.kind());
    VolunteerConsent consent =
        given == null ? null : given.forDebit(volunteerId, node, ConsentPurpose.REDEMPTION);
    UUID eventId = UUID.randomUUID();
    DebitAuthority.Debit debit =
        new DebitAuthority.Debit(
            eventId,
            node,
            volunteerId,
            b.minutes(),
            ConsentPurpose.REDEMPTION,
            consent,
            rules.consentRequired(ConsentPurpose.REDEMPTION, b.minutes()));
    authority.check(debit, clock.instant()).ifPresent(BenefitService::refuse);
    LedgerSession session = new LedgerSession(ledger);
    long available = session.available(Account.volunteer(volunteerId));
    if (available < b.minutes()) {
      throw ApiException.conflict(
          ReasonCode.INSUFFICIENT_BALANCE.name(),
          "volunteer "
              + volunteerId
              + " has "
              + available
              + " minutes available; benefit "
              + benefitId
              + " costs "
              + b.minutes());
    }
    authority.use(debit).ifPresent(BenefitService::refuse);
    session.post(
        Transfer.of(
            eventId,
            Account.volunteer(volunteerId),
            Account.bankHonoured(node),
            b.minutes(),
            TransferCode.BENEFIT_REDEEMED,
            node));
    hubEvents.record(
        session,
        eventId,
        REDEEMED_EVENT,
        "tbx/v1/benefit-redeemed\nredemption "
            + redemptionId
            + "\nbenefit "
            + benefitId
            + "\nnode "
            + node
            + "\nvolunteer "
            + volunteerId
            + "\nminutes "
            + b.minutes()
            + "\n",
        volunteerId);
    benefits.redeem(
        new BenefitRepository.Redemption(
            redemptionId,
            benefitId,
            volunteerId,
            node,
            b.minutes(),
            consent == null ? null : consent.getConsentId(),
            eventId,
            null));
    return new Written<>(true, benefits.redemption(redemptionId).orElseThrow());
  }

  /**
   * @return the rulebook in force today, which allows the kind
   */
  private Rulebook allowed(String kind) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), DepositRules.CHINA);
    Rulebook rules = Rulebooks.inForceOn(today).orElseThrow();
    Rulebook.BenefitRules allowed = rules.benefits();
    if (allowed == null) {
      throw ApiException.conflict(
          "BENEFITS_NOT_ALLOWED",
          "rulebook "
              + rules.version()
              + ", in force on "
              + today
              + ", lets no hours be redeemed for benefits (rulebook 5 does, from "
              + Rulebooks.version(5).map(Rulebook::effectiveFrom).orElse("its effective day")
              + ")");
    }
    if (CASH.equals(kind) && !allowed.cashConversion()) {
      throw ApiException.conflict(
          "CASH_CONVERSION_FORBIDDEN",
          "rulebook " + rules.version() + " forbids converting hours to cash");
    }
    if (!CASH.equals(kind) && !allowed.allowedKinds().contains(kind)) {
      throw ApiException.conflict(
          "BENEFIT_KIND_NOT_ALLOWED",
          "rulebook "
              + rules.version()
              + " allows benefits of the kinds "
              + allowed.allowedKinds()
              + ", not "
              + kind);
    }
    return rules;
  }

  private static void refuse(DebitAuthority.Refusal r) {
    throw ApiException.of(
        r.reason() == ReasonCode.NOT_ENROLLED_AT_BANK ? 403 : 409, r.reason().name(), r.detail());
  }
}
