package org.tbx.hub.deposit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.ServiceTally;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.hub.volunteer.VolunteerFacts;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.ServiceCategory;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * A deposit, checked against the rulebook it names: the credited minutes, the volunteer's age on
 * the service day (when enrolled), the category's certification and insurance, and the lifetime cap
 * with its overflow rule (to a pool, or into honours). Debits {@code bank:<node>:issued}, credits
 * the volunteer; the hot path, so every rule is checked before anything is posted.
 */
@ApplicationScoped
public class ServiceRecordedHandler implements EventHandler<ServiceRecorded> {

  private final VolunteerRepository volunteers;
  private final HubConfig config;
  private final HonourOverflow honours;

  ServiceRecordedHandler(VolunteerRepository volunteers, HubConfig config, HonourOverflow honours) {
    this.volunteers = volunteers;
    this.config = config;
    this.honours = honours;
  }

  @Override
  public Class<ServiceRecorded> type() {
    return ServiceRecorded.class;
  }

  @Override
  public void validate(EventContext<ServiceRecorded> event) throws ProtocolException {
    ServiceRecorded d = event.payload();
    Fields.volunteerId("volunteerId", d.getVolunteerId());
    Fields.ref("recipientRef", d.getRecipientRef());
    evidence(d.getEvidence());
    Rulebook rules =
        Rulebooks.version(d.getRulebookVersion())
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_RULEBOOK,
                        "payload.rulebookVersion " + d.getRulebookVersion() + " is not published"));
    DepositRules.checkCredited(rules, d);
  }

  /**
   * Who recorded and who confirmed are pseudonymous references like every other (PROTOCOL.md
   * section 4): no names, no ID numbers, no free text; at most {@link FieldRules#MAX_CONFIRMERS}
   * confirmers; a check-out not before the check-in.
   */
  static void evidence(Evidence e) throws ProtocolException {
    Fields.ref("evidence.recordedBy", e.getRecordedBy());
    List<String> confirmers = e.getConfirmedBy();
    if (confirmers.size() > FieldRules.MAX_CONFIRMERS) {
      throw Fields.invalid(
          "payload.evidence.confirmedBy has "
              + confirmers.size()
              + " references, at most "
              + FieldRules.MAX_CONFIRMERS);
    }
    for (int i = 0; i < confirmers.size(); i++) {
      Fields.ref("evidence.confirmedBy[" + i + "]", confirmers.get(i));
    }
    if (e.getCheckInAt() != null
        && e.getCheckOutAt() != null
        && e.getCheckOutAt().isBefore(e.getCheckInAt())) {
      throw Fields.invalid(
          "payload.evidence.checkOutAt "
              + e.getCheckOutAt()
              + " is before checkInAt "
              + e.getCheckInAt());
    }
  }

  @Override
  public void prepare(UnitOfWork work, List<ServiceRecorded> payloads) {
    facts(work).prefetch(payloads.stream().map(ServiceRecorded::getVolunteerId).toList());
  }

  @Override
  public boolean checksBeforeChanges() {
    return true;
  }

  @Override
  public void apply(UnitOfWork work, EventContext<ServiceRecorded> event) throws ProtocolException {
    ServiceRecorded deposit = event.payload();
    Rulebook rules = Rulebooks.version(deposit.getRulebookVersion()).orElseThrow();
    String v = deposit.getVolunteerId();
    DepositRules.checkServiceTime(rules, deposit, work.now(), config.clockSkew());
    if (rules.enrollmentRequiredForDeposit()
        && volunteers.enrollment(v, event.nodeId()).isEmpty()) {
      throw new ProtocolException(
          ReasonCode.NOT_ENROLLED_AT_BANK,
          "volunteer "
              + v
              + " is not enrolled at bank "
              + event.nodeId()
              + "; rulebook "
              + rules.version()
              + " credits only volunteers the depositing bank enrolled (publish VolunteerEnrolled"
              + " first, so their age is checked)");
    }
    LocalDate day = DepositRules.serviceDay(deposit);
    VolunteerFacts facts = facts(work);
    DepositRules.checkAge(rules, facts.of(v), day);
    ServiceCategory category = rules.category(deposit.getServiceCategory()).orElseThrow();
    if (category.certification().isPresent()
        && !volunteers.certified(v, category.requiredCertification(), day)) {
      throw new ProtocolException(
          ReasonCode.CERTIFICATION_REQUIRED,
          category.code()
              + " requires certification "
              + category.requiredCertification()
              + ", which "
              + v
              + " does not hold");
    }
    if (category.requiresInsurance() && !volunteers.insured(v, day)) {
      throw new ProtocolException(
          ReasonCode.INSURANCE_REQUIRED,
          category.code()
              + " requires accident insurance covering "
              + day
              + ", which "
              + v
              + " does not have");
    }
    DepositRules.Split split =
        DepositRules.underCap(rules, v, facts.creditedSoFar(v), deposit.getCreditedMinutes());
    Account issued = Account.bankIssued(event.nodeId());
    if (split.toVolunteer() > 0) {
      work.ledger()
          .post(
              Transfer.of(
                  event.eventId(),
                  issued,
                  Account.volunteer(v),
                  split.toVolunteer(),
                  TransferCode.SERVICE_RECORDED,
                  event.nodeId()));
      facts.credited(v, split.toVolunteer());
      work.ledger()
          .tally(
              new ServiceTally(
                  event.eventId(),
                  event.nodeId(),
                  category.code(),
                  ServiceTally.Flow.DEPOSITED,
                  split.toVolunteer()));
    }
    if (split.overflow() > 0 && rules.overflowRule() == Rulebook.OverflowRule.HONOURS) {
      honours.record(event.eventId(), event.nodeId(), v, split.overflow(), work.now());
    } else if (split.overflow() > 0) {
      work.ledger()
          .post(
              Transfer.of(
                  event.eventId(),
                  issued,
                  Account.pool(rules.overflowPoolId()),
                  split.overflow(),
                  TransferCode.CAP_OVERFLOW,
                  event.nodeId()));
    }
  }

  @Override
  public String volunteerOf(ServiceRecorded payload) {
    return payload.getVolunteerId();
  }

  private VolunteerFacts facts(UnitOfWork work) {
    return work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers));
  }
}
