package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tbx.hub.ledger.LedgerService;
import org.tbx.hub.ledger.Transfer;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.hub.reconciliation.ReconciliationService;
import org.tbx.hub.redemption.RedemptionService;
import org.tbx.hub.volunteer.VolunteerRegistry;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.ServiceCategory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationGranted;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.GrantIssued;
import org.tbx.protocol.v1.PoolAllocated;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionCancelled;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.ServiceRated;

/** Turns one new, valid event into ledger changes, or says why it cannot be applied. */
@ApplicationScoped
public class EventApplier {

  /** Service days are counted in China Standard Time. */
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  /** Event types whose transfers a bank may reverse; redemptions are settled or cancelled instead. */
  private static final Set<String> REVERSIBLE =
      Set.of("ServiceRecorded", "HoursGifted", "HoursDonated", "GrantIssued", "PoolAllocated");

  private final LedgerService ledger;
  private final RedemptionService redemptions;
  private final ReconciliationService reconciliations;
  private final VolunteerRegistry volunteers;

  EventApplier(LedgerService ledger, RedemptionService redemptions, ReconciliationService reconciliations,
      VolunteerRegistry volunteers) {
    this.ledger = ledger;
    this.redemptions = redemptions;
    this.reconciliations = reconciliations;
    this.volunteers = volunteers;
  }

  /** @return the volunteer an event is mainly about, when it names one */
  public static String volunteerOf(Object payload) {
    if (payload instanceof ServiceRecorded p) {
      return p.getVolunteerId();
    }
    if (payload instanceof RedemptionRequested p) {
      return p.getVolunteerId();
    }
    if (payload instanceof HoursGifted p) {
      return p.getVolunteerId();
    }
    if (payload instanceof HoursDonated p) {
      return p.getVolunteerId();
    }
    if (payload instanceof GrantIssued p) {
      return p.getVolunteerId();
    }
    if (payload instanceof PoolAllocated p) {
      return p.getVolunteerId();
    }
    return null;
  }

  private static SpecificRecordBase decisionNotice(RedemptionService.Decision d) {
    if (d.authorized()) {
      return new RedemptionAuthorized(d.redemptionId(), d.holdId().toString(), (int) d.minutes(), d.expiresAt());
    }
    return new RedemptionDeclined(d.redemptionId(), d.reason(), d.detail());
  }

  /**
   * What applying an event produced beyond its acceptance: a notice to send back, if any (a redemption
   * decision, a reconciliation result).
   */
  public record Applied(Optional<SpecificRecordBase> notice) {
    static Applied plain() {
      return new Applied(Optional.empty());
    }
  }

  /**
   * @throws ProtocolException when a rule refuses the event; every rule is checked before the event
   *     changes anything, so a refused event leaves no trace in the ledger
   */
  public Applied apply(Connection c, LedgerService.Postings postings, VolunteerRegistry.Cache volunteerFacts, UUID eventId,
      NodeEvent event, Instant now) throws SQLException, ProtocolException {
    String node = event.getNodeId();
    Object payload = event.getPayload();
    if (payload instanceof ServiceRecorded deposit) {
      deposit(c, postings, volunteerFacts, eventId, node, deposit);
      return Applied.plain();
    }
    if (payload instanceof VolunteerEnrolled enrolled) {
      volunteers.enroll(c, node, enrolled);
      return Applied.plain();
    }
    if (payload instanceof VolunteerRelocated relocated) {
      volunteers.relocate(c, node, relocated);
      return Applied.plain();
    }
    if (payload instanceof CertificationGranted granted) {
      volunteers.grant(c, granted);
      return Applied.plain();
    }
    if (payload instanceof CertificationRevoked revoked) {
      volunteers.revoke(c, revoked);
      return Applied.plain();
    }
    if (payload instanceof InsuranceRegistered insurance) {
      volunteers.insure(c, insurance);
      return Applied.plain();
    }
    if (payload instanceof RedemptionRequested request) {
      requireIndividual(c, request.getVolunteerId());
      return new Applied(Optional.of(decisionNotice(redemptions.request(c, postings, eventId, node, request, now))));
    }
    if (payload instanceof BalanceStatement statement) {
      return new Applied(reconciliations.receive(c, postings, eventId, node, event.getSequence(), statement)
          .map(SpecificRecordBase.class::cast));
    }
    if (payload instanceof RedemptionSettled settled) {
      redemptions.settle(c, postings, eventId, node, settled, now);
      return Applied.plain();
    }
    if (payload instanceof RedemptionCancelled cancelled) {
      redemptions.cancel(c, postings, eventId, node, cancelled, now);
      return Applied.plain();
    }
    if (payload instanceof HoursGifted gift) {
      requireIndividual(c, gift.getVolunteerId());
      if (!Rulebooks.current().mayGiftTo(gift.getRelation())) {
        throw new ProtocolException(ReasonCode.RELATION_NOT_ALLOWED,
            "payload.relation " + gift.getRelation() + " may not receive gifts; allowed: " + Rulebooks.current().giftRelations());
      }
      requireVolunteerId("payload.recipientVolunteerId", gift.getRecipientVolunteerId());
      spend(c, postings, eventId, node, gift.getVolunteerId(), gift.getMinutes(),
          Transfer.Account.volunteer(gift.getRecipientVolunteerId()), "HOURS_GIFTED");
      return Applied.plain();
    }
    if (payload instanceof HoursDonated donation) {
      if (!donation.getPoolId().matches(FieldRules.PSEUDONYMOUS_REF)) {
        throw new ProtocolException(ReasonCode.UNKNOWN_POOL, "payload.poolId must match " + FieldRules.PSEUDONYMOUS_REF);
      }
      spend(c, postings, eventId, node, donation.getVolunteerId(), donation.getMinutes(),
          Transfer.Account.pool(donation.getPoolId()), "HOURS_DONATED");
      return Applied.plain();
    }
    if (payload instanceof GrantIssued grant) {
      requireRef("payload.grantorId", grant.getGrantorId());
      requireVolunteerId("payload.volunteerId", grant.getVolunteerId());
      if (grant.getMinutes() < 1) {
        throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.minutes must be at least 1");
      }
      postings.add(new Transfer(eventId, Transfer.Account.grant(grant.getGrantorId()),
          Transfer.Account.volunteer(grant.getVolunteerId()), grant.getMinutes(), "GRANT_ISSUED", node));
      return Applied.plain();
    }
    if (payload instanceof PoolAllocated allocation) {
      requireRef("payload.poolId", allocation.getPoolId());
      requireVolunteerId("payload.volunteerId", allocation.getVolunteerId());
      Transfer.Account pool = Transfer.Account.pool(allocation.getPoolId());
      if (allocation.getMinutes() < 1) {
        throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.minutes must be at least 1");
      }
      long available = ledger.lock(c, postings, pool).map(LedgerService.Balance::available).orElseThrow(
          () -> new ProtocolException(ReasonCode.UNKNOWN_POOL, "pool " + allocation.getPoolId() + " has never received minutes"));
      if (available < allocation.getMinutes()) {
        throw new ProtocolException(ReasonCode.INSUFFICIENT_BALANCE,
            "pool " + allocation.getPoolId() + " has " + available + " minutes, " + allocation.getMinutes() + " allocated");
      }
      ledger.postNow(c, postings, List.of(new Transfer(eventId, pool, Transfer.Account.volunteer(allocation.getVolunteerId()),
          allocation.getMinutes(), "POOL_ALLOCATED", node)));
      return Applied.plain();
    }
    if (payload instanceof EntryReversed reversal) {
      reverse(c, postings, eventId, node, reversal);
      return Applied.plain();
    }
    if (payload instanceof ServiceRated rating) {
      rate(c, eventId, node, rating);
      return Applied.plain();
    }
    throw new ProtocolException(ReasonCode.OTHER,
        payload.getClass().getSimpleName() + " is valid protocol but this hub does not apply it yet");
  }

  /**
   * A deposit, checked against the rulebook it names: the volunteer's age on the service day (when
   * enrolled), the category's certification and insurance, and the lifetime cap with its overflow rule.
   */
  private void deposit(Connection c, LedgerService.Postings postings, VolunteerRegistry.Cache facts, UUID eventId,
      String node, ServiceRecorded deposit) throws SQLException, ProtocolException {
    Rulebook rules = Rulebooks.version(deposit.getRulebookVersion()).orElseThrow();
    String v = deposit.getVolunteerId();
    LocalDate day = LocalDate.ofInstant(deposit.getStartedAt(), CHINA);
    VolunteerRegistry.Facts f = volunteers.facts(facts, v);
    if (f.enrolled() && Rulebook.ageOn(f.birthDate(), day) < rules.minDepositAge()) {
      throw new ProtocolException(ReasonCode.AGE_LIMIT, "volunteer " + v + " was " + Rulebook.ageOn(f.birthDate(), day)
          + " on the service day; rulebook " + rules.version() + " credits from age " + rules.minDepositAge());
    }
    ServiceCategory category = rules.category(deposit.getServiceCategory()).orElseThrow();
    if (category.certification().isPresent() && !volunteers.certified(c, v, category.requiredCertification(), day)) {
      throw new ProtocolException(ReasonCode.CERTIFICATION_REQUIRED,
          category.code() + " requires certification " + category.requiredCertification() + ", which " + v + " does not hold");
    }
    if (category.requiresInsurance() && !volunteers.insured(c, v, day)) {
      throw new ProtocolException(ReasonCode.INSURANCE_REQUIRED,
          category.code() + " requires accident insurance covering " + day + ", which " + v + " does not have");
    }
    long room = Math.max(0, rules.lifetimeCapMinutes() - facts.creditedSoFar(v));
    long toVolunteer = Math.min(room, deposit.getCreditedMinutes());
    long overflow = deposit.getCreditedMinutes() - toVolunteer;
    if (overflow > 0 && rules.overflowRule() == Rulebook.OverflowRule.REJECT) {
      throw new ProtocolException(ReasonCode.LIFETIME_CAP, "volunteer " + v + " may be credited " + room
          + " more minutes under the lifetime cap of " + rules.lifetimeCapMinutes());
    }
    Transfer.Account issued = Transfer.Account.bankIssued(node);
    if (toVolunteer > 0) {
      postings.add(new Transfer(eventId, issued, Transfer.Account.volunteer(v), toVolunteer, "SERVICE_RECORDED", node));
      facts.credited(v, toVolunteer);
    }
    if (overflow > 0) {
      postings.add(new Transfer(eventId, issued, Transfer.Account.pool(rules.overflowPoolId()), overflow, "CAP_OVERFLOW", node));
    }
  }

  /** Group accounts may only donate their minutes. */
  private void requireIndividual(Connection c, String volunteerId) throws SQLException, ProtocolException {
    Optional<VolunteerRegistry.Facts> f = volunteers.read(c, volunteerId);
    if (f.isPresent() && f.get().accountType() == AccountType.GROUP) {
      throw new ProtocolException(ReasonCode.GROUP_ACCOUNT_DONATION_ONLY,
          "volunteer " + volunteerId + " is a group account, whose minutes may only be donated");
    }
  }

  /** Moves minutes out of a volunteer's available balance. */
  private void spend(Connection c, LedgerService.Postings postings, UUID eventId, String node, String volunteerId, int minutes,
      Transfer.Account to, String code) throws SQLException, ProtocolException {
    if (minutes < 1) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.minutes must be at least 1, was " + minutes);
    }
    Transfer.Account from = Transfer.Account.volunteer(volunteerId);
    if (from.equals(to)) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "a volunteer cannot give minutes to themselves");
    }
    long available = ledger.lock(c, postings, from).map(LedgerService.Balance::available).orElse(0L);
    if (available < minutes) {
      throw new ProtocolException(ReasonCode.INSUFFICIENT_BALANCE,
          "volunteer " + volunteerId + " has " + available + " minutes available, " + minutes + " requested");
    }
    ledger.postNow(c, postings, List.of(new Transfer(eventId, from, to, minutes, code, node)));
  }

  /** Posts the opposite of every transfer of an earlier event of the same bank, pointing at each. */
  private void reverse(Connection c, LedgerService.Postings postings, UUID eventId, String node, EntryReversed reversal)
      throws SQLException, ProtocolException {
    UUID original;
    try {
      original = UUID.fromString(reversal.getReversedEventId());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.reversedEventId must be a UUID");
    }
    ledger.flush(c, postings);
    String type = appliedEventType(c, original, node).orElseThrow(() -> new ProtocolException(ReasonCode.UNKNOWN_EVENT,
        "event " + original + " is not an applied event of node " + node));
    if (!REVERSIBLE.contains(type)) {
      throw new ProtocolException(ReasonCode.NOT_REVERSIBLE,
          type + " cannot be reversed; settle or cancel the redemption instead");
    }
    List<Transfer> opposite = new ArrayList<>();
    for (LedgerService.Posted t : ledger.transfersOf(c, original)) {
      if (ledger.reversed(c, t.id())) {
        throw new ProtocolException(ReasonCode.ALREADY_REVERSED, "event " + original + " was reversed before");
      }
      opposite.add(new Transfer(eventId, Transfer.Account.parse(t.creditAccountId()), Transfer.Account.parse(t.debitAccountId()),
          t.amountMinutes(), "REVERSAL", node, t.id()));
    }
    ledger.postNow(c, postings, opposite);
  }

  /** Stores a rating of a service the hub applied; the rating names the service's volunteer. */
  private static void rate(Connection c, UUID eventId, String node, ServiceRated rating)
      throws SQLException, ProtocolException {
    if (rating.getStars() < 1 || rating.getStars() > 5) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.stars must be within 1..5, was " + rating.getStars());
    }
    if (rating.getComment() != null && rating.getComment().length() > 500) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.comment must be at most 500 characters");
    }
    UUID service;
    try {
      service = UUID.fromString(rating.getServiceEventId());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.serviceEventId must be a UUID");
    }
    String volunteer;
    try (PreparedStatement ps = c.prepareStatement("select volunteer_id from processed_event where event_id = ? "
        + "and event_type = 'ServiceRecorded' and outcome = 'APPLIED'")) {
      ps.setObject(1, service);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ProtocolException(ReasonCode.UNKNOWN_EVENT,
              "payload.serviceEventId " + service + " is not a service the hub applied");
        }
        volunteer = rs.getString(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("insert into service_rating (event_id, node_id, service_event_id, "
        + "volunteer_id, rater_role, stars, comment) values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, eventId);
      ps.setString(2, node);
      ps.setObject(3, service);
      ps.setString(4, volunteer);
      ps.setString(5, rating.getRaterRole().name());
      ps.setInt(6, rating.getStars());
      ps.setString(7, rating.getComment());
      ps.executeUpdate();
    }
  }

  private static Optional<String> appliedEventType(Connection c, UUID eventId, String node) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select event_type from processed_event where event_id = ? and node_id = ? and outcome = 'APPLIED'")) {
      ps.setObject(1, eventId);
      ps.setString(2, node);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void requireRef(String field, String value) throws ProtocolException {
    if (!value.matches(FieldRules.PSEUDONYMOUS_REF)) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, field + " must match " + FieldRules.PSEUDONYMOUS_REF);
    }
  }

  private static void requireVolunteerId(String field, String value) throws ProtocolException {
    if (!value.matches(FieldRules.VOLUNTEER_ID)) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, field + " must match " + FieldRules.VOLUNTEER_ID);
    }
  }
}
