package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ledger.LedgerService;
import org.tbx.hub.ledger.Transfer;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionCancelled;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;

/**
 * Cross-region redemption as a two-phase transfer: a request reserves minutes of a volunteer's account
 * (wherever they were earned) for the requesting bank; settling posts the minutes used and releases the
 * rest; cancelling or expiry releases everything. A hold resolves at most once.
 */
@ApplicationScoped
public class RedemptionService {

  /**
   * The hub's answer to a request.
   *
   * @param holdId set when authorized
   * @param reason set when declined
   */
  public record Decision(String redemptionId, UUID holdId, long minutes, Instant expiresAt, ReasonCode reason, String detail) {
    public boolean authorized() {
      return holdId != null;
    }
  }

  private final LedgerService ledger;
  private final HubConfig config;

  RedemptionService(LedgerService ledger, HubConfig config) {
    this.ledger = ledger;
    this.config = config;
  }

  /**
   * Decides a request: authorizes it with a hold when the volunteer's available minutes suffice.
   *
   * @throws ProtocolException when the request itself is invalid (unknown category, reused redemption id)
   */
  public Decision request(
      Connection c, LedgerService.Postings postings, UUID eventId, String nodeId, RedemptionRequested r, Instant now)
      throws SQLException, ProtocolException {
    Rulebook rules = Rulebooks.current();
    if (rules.category(r.getServiceCategory()).isEmpty()) {
      throw new ProtocolException(ReasonCode.UNKNOWN_CATEGORY,
          "payload.serviceCategory " + r.getServiceCategory() + " is not in rulebook " + rules.version());
    }
    if (r.getRequestedMinutes() < 1) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.requestedMinutes must be at least 1");
    }
    if (exists(c, r.getRedemptionId())) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD,
          "payload.redemptionId " + r.getRedemptionId() + " was used by an earlier request");
    }
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.ofHours(8));
    int age = Rulebook.ageOn(r.getBeneficiaryBirthDate(), day);
    if (age < rules.minWithdrawAge()) {
      return decline(c, eventId, nodeId, r, ReasonCode.AGE_LIMIT,
          "the beneficiary is " + age + "; rulebook " + rules.version() + " serves from age " + rules.minWithdrawAge());
    }
    if (r.getRelation() != Relation.SELF && !rules.mayGiftTo(r.getRelation())) {
      return decline(c, eventId, nodeId, r, ReasonCode.RELATION_NOT_ALLOWED,
          "minutes may pay for the volunteer or a relative in " + rules.giftRelations() + ", not " + r.getRelation());
    }
    Transfer.Account volunteer = Transfer.Account.volunteer(r.getVolunteerId());
    long available = ledger.lock(c, postings, volunteer).map(LedgerService.Balance::available).orElse(0L);
    if (available < r.getRequestedMinutes()) {
      return decline(c, eventId, nodeId, r, ReasonCode.INSUFFICIENT_BALANCE,
          "available " + available + " minutes, requested " + r.getRequestedMinutes());
    }
    UUID holdId = UUID.nameUUIDFromBytes(("hold:" + eventId).getBytes(StandardCharsets.UTF_8));
    Instant expiresAt = now.plus(config.holdExpiry().orElse(Duration.ofSeconds(rules.defaultHoldExpirySeconds())));
    insertRedemption(c, eventId, nodeId, r, "AUTHORIZED", null);
    Transfer.Account honoured = Transfer.Account.bankHonoured(nodeId);
    ledger.pending(c, volunteer, honoured, r.getRequestedMinutes());
    try (PreparedStatement ps = c.prepareStatement(
        "insert into hold (hold_id, redemption_id, node_id, debit_account_id, credit_account_id, amount_minutes, "
            + "expires_at, state) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')")) {
      ps.setObject(1, holdId);
      ps.setString(2, r.getRedemptionId());
      ps.setString(3, nodeId);
      ps.setString(4, volunteer.id());
      ps.setString(5, honoured.id());
      ps.setLong(6, r.getRequestedMinutes());
      ps.setTimestamp(7, Timestamp.from(expiresAt));
      ps.executeUpdate();
    }
    return new Decision(r.getRedemptionId(), holdId, r.getRequestedMinutes(), expiresAt, null, null);
  }

  /**
   * Posts the minutes used and releases the hold.
   *
   * @throws ProtocolException {@code UNKNOWN_REDEMPTION}, {@code HOLD_EXPIRED}, {@code HOLD_ALREADY_RESOLVED},
   *     {@code SETTLED_ABOVE_AUTHORIZED} or {@code INVALID_FIELD}
   */
  public void settle(Connection c, LedgerService.Postings postings, UUID eventId, String nodeId, RedemptionSettled s, Instant now)
      throws SQLException, ProtocolException {
    Hold hold = pendingHold(c, nodeId, s.getRedemptionId(), s.getHoldId(), now);
    if (s.getUsedMinutes() < 0) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.usedMinutes must not be negative");
    }
    if (s.getUsedMinutes() > hold.amount) {
      throw new ProtocolException(ReasonCode.SETTLED_ABOVE_AUTHORIZED,
          "payload.usedMinutes " + s.getUsedMinutes() + " is above the " + hold.amount + " minutes authorized");
    }
    ledger.flush(c, postings);
    ledger.pending(c, hold.debit, hold.credit, -hold.amount);
    if (s.getUsedMinutes() > 0) {
      ledger.postNow(c, postings, List.of(
          new Transfer(eventId, hold.debit, hold.credit, s.getUsedMinutes(), "REDEMPTION_SETTLED", nodeId)));
    }
    resolve(c, hold.id, "POSTED", (long) s.getUsedMinutes(), eventId);
  }

  /**
   * Releases the hold.
   *
   * @throws ProtocolException as {@link #settle}
   */
  public void cancel(Connection c, LedgerService.Postings postings, UUID eventId, String nodeId, RedemptionCancelled x, Instant now)
      throws SQLException, ProtocolException {
    Hold hold = pendingHold(c, nodeId, x.getRedemptionId(), x.getHoldId(), now);
    ledger.flush(c, postings);
    ledger.pending(c, hold.debit, hold.credit, -hold.amount);
    resolve(c, hold.id, "VOIDED", null, eventId);
  }

  /** Expires pending holds whose time has passed, releasing their minutes; returns how many. */
  public int expireDue(Connection c, Instant now) throws SQLException {
    int expired = 0;
    try (PreparedStatement ps = c.prepareStatement(
        "select hold_id, debit_account_id, credit_account_id, amount_minutes from hold "
            + "where state = 'PENDING' and expires_at <= ? order by hold_id limit 1000 for update skip locked")) {
      ps.setTimestamp(1, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = (UUID) rs.getObject(1);
          ledger.pending(c, Transfer.Account.parse(rs.getString(2)), Transfer.Account.parse(rs.getString(3)), -rs.getLong(4));
          resolve(c, id, "EXPIRED", null, null);
          expired++;
        }
      }
    }
    return expired;
  }

  private record Hold(UUID id, Transfer.Account debit, Transfer.Account credit, long amount) {}

  /** Locks the named hold and checks it belongs to this bank's redemption and is still pending. */
  private Hold pendingHold(Connection c, String nodeId, String redemptionId, String holdId, Instant now)
      throws SQLException, ProtocolException {
    UUID id;
    try {
      id = UUID.fromString(holdId);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.holdId must be a UUID, was: " + holdId);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "select redemption_id, node_id, debit_account_id, credit_account_id, amount_minutes, state, expires_at "
            + "from hold where hold_id = ? for update")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getString(1).equals(redemptionId) || !rs.getString(2).equals(nodeId)) {
          throw new ProtocolException(ReasonCode.UNKNOWN_REDEMPTION,
              "no hold " + holdId + " for redemption " + redemptionId + " of node " + nodeId);
        }
        Hold hold = new Hold(id, Transfer.Account.parse(rs.getString(3)), Transfer.Account.parse(rs.getString(4)), rs.getLong(5));
        String state = rs.getString(6);
        if (state.equals("EXPIRED")) {
          throw new ProtocolException(ReasonCode.HOLD_EXPIRED, "hold " + holdId + " expired and was released");
        }
        if (!state.equals("PENDING")) {
          throw new ProtocolException(ReasonCode.HOLD_ALREADY_RESOLVED, "hold " + holdId + " is already " + state);
        }
        if (!rs.getTimestamp(7).toInstant().isAfter(now)) {
          throw new ProtocolException(ReasonCode.HOLD_EXPIRED, "hold " + holdId + " expired at " + rs.getTimestamp(7).toInstant());
        }
        return hold;
      }
    }
  }

  private static void resolve(Connection c, UUID holdId, String state, Long used, UUID eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update hold set state = ?, used_minutes = ?, resolved_at = now(), resolved_by_event = ? where hold_id = ?")) {
      ps.setString(1, state);
      ps.setObject(2, used);
      ps.setObject(3, eventId);
      ps.setObject(4, holdId);
      ps.executeUpdate();
    }
  }

  private Decision decline(Connection c, UUID eventId, String nodeId, RedemptionRequested r, ReasonCode reason, String detail)
      throws SQLException {
    insertRedemption(c, eventId, nodeId, r, "DECLINED", reason.name());
    return new Decision(r.getRedemptionId(), null, 0, null, reason, detail);
  }

  private static boolean exists(Connection c, String redemptionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from redemption where redemption_id = ?")) {
      ps.setString(1, redemptionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void insertRedemption(
      Connection c, UUID eventId, String nodeId, RedemptionRequested r, String status, String reason) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into redemption (redemption_id, node_id, volunteer_id, requested_minutes, event_id, status, decline_reason) "
            + "values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.getRedemptionId());
      ps.setString(2, nodeId);
      ps.setString(3, r.getVolunteerId());
      ps.setLong(4, r.getRequestedMinutes());
      ps.setObject(5, eventId);
      ps.setString(6, status);
      ps.setString(7, reason);
      ps.executeUpdate();
    }
  }
}
