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
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.EntryReversed;
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

/** Turns one new, valid event into ledger changes, or says why it cannot be applied. */
@ApplicationScoped
public class EventApplier {

  /** Event types whose transfers a bank may reverse; redemptions are settled or cancelled instead. */
  private static final Set<String> REVERSIBLE = Set.of("ServiceRecorded", "HoursGifted", "HoursDonated");

  private final LedgerService ledger;
  private final RedemptionService redemptions;
  private final ReconciliationService reconciliations;

  EventApplier(LedgerService ledger, RedemptionService redemptions, ReconciliationService reconciliations) {
    this.ledger = ledger;
    this.redemptions = redemptions;
    this.reconciliations = reconciliations;
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
  public Applied apply(Connection c, LedgerService.Postings postings, UUID eventId, NodeEvent event, Instant now)
      throws SQLException, ProtocolException {
    String node = event.getNodeId();
    Object payload = event.getPayload();
    if (payload instanceof ServiceRecorded deposit) {
      postings.add(new Transfer(eventId, Transfer.Account.bankIssued(node), Transfer.Account.volunteer(deposit.getVolunteerId()),
          deposit.getCreditedMinutes(), "SERVICE_RECORDED", node));
      return Applied.plain();
    }
    if (payload instanceof RedemptionRequested request) {
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
    if (payload instanceof EntryReversed reversal) {
      reverse(c, postings, eventId, node, reversal);
      return Applied.plain();
    }
    throw new ProtocolException(ReasonCode.OTHER,
        payload.getClass().getSimpleName() + " is valid protocol but this hub does not apply it yet");
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

  private static void requireVolunteerId(String field, String value) throws ProtocolException {
    if (!value.matches(FieldRules.VOLUNTEER_ID)) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, field + " must match " + FieldRules.VOLUNTEER_ID);
    }
  }
}
