package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.hub.ledger.Account;
import org.tbx.kit.jdbc.Jdbc;

/** Redemptions as the hub decided them ({@code redemption}) and their holds ({@code hold}). */
@ApplicationScoped
public class RedemptionRepository {

  /** A hold: minutes reserved from a volunteer for a bank. */
  public record Hold(
      UUID holdId,
      String redemptionId,
      String nodeId,
      Account debit,
      Account credit,
      long amountMinutes,
      Instant expiresAt,
      String state,
      Long usedMinutes,
      Instant resolvedAt) {}

  /**
   * A redemption and its hold.
   *
   * @param status AUTHORIZED or DECLINED
   * @param hold empty when declined
   */
  public record Redemption(
      String redemptionId,
      String nodeId,
      String volunteerId,
      long requestedMinutes,
      String status,
      String declineReason,
      Instant createdAt,
      Optional<Hold> hold) {}

  private static final String HOLD_COLUMNS =
      "hold_id, redemption_id, node_id, debit_account_id, credit_account_id, amount_minutes, expires_at, state, "
          + "used_minutes, resolved_at";

  private final Jdbc jdbc;

  RedemptionRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  boolean exists(String redemptionId) {
    return jdbc.exists("select 1 from redemption where redemption_id = ?", redemptionId);
  }

  void insert(
      UUID eventId,
      String nodeId,
      String redemptionId,
      String volunteerId,
      long minutes,
      String status,
      String declineReason) {
    jdbc.update(
        "insert into redemption (redemption_id, node_id, volunteer_id, requested_minutes, event_id, status, "
            + "decline_reason) values (?, ?, ?, ?, ?, ?, ?)",
        redemptionId,
        nodeId,
        volunteerId,
        minutes,
        eventId,
        status,
        declineReason);
  }

  void insertHold(
      UUID holdId,
      String redemptionId,
      String nodeId,
      Account debit,
      Account credit,
      long minutes,
      Instant expiresAt) {
    jdbc.update(
        "insert into hold (hold_id, redemption_id, node_id, debit_account_id, credit_account_id, amount_minutes, "
            + "expires_at, state) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')",
        holdId,
        redemptionId,
        nodeId,
        debit.id(),
        credit.id(),
        minutes,
        expiresAt);
  }

  /**
   * @return the hold, its row locked for the caller's transaction
   */
  Optional<Hold> lockHold(UUID holdId) {
    return jdbc.first(
        "select " + HOLD_COLUMNS + " from hold where hold_id = ? for update",
        RedemptionRepository::hold,
        holdId);
  }

  /**
   * @return up to {@code limit} pending holds expired at {@code now}, locked, skipping those locked
   *     elsewhere
   */
  List<Hold> lockExpired(Instant now, int limit) {
    return jdbc.list(
        "select "
            + HOLD_COLUMNS
            + " from hold where state = 'PENDING' and expires_at <= ? order by hold_id "
            + "limit ? for update skip locked",
        RedemptionRepository::hold,
        now,
        limit);
  }

  void resolve(UUID holdId, String state, Long used, UUID eventId, Instant at) {
    jdbc.update(
        "update hold set state = ?, used_minutes = ?, resolved_at = ?, resolved_by_event = ? where hold_id = ?",
        state,
        used,
        at,
        eventId,
        holdId);
  }

  /**
   * @return a redemption with its hold
   */
  public Optional<Redemption> find(String redemptionId) {
    Optional<Hold> hold =
        jdbc.first(
            "select " + HOLD_COLUMNS + " from hold where redemption_id = ?",
            RedemptionRepository::hold,
            redemptionId);
    return jdbc.first(
        "select redemption_id, node_id, volunteer_id, requested_minutes, status, decline_reason, created_at "
            + "from redemption where redemption_id = ?",
        rs ->
            new Redemption(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                Jdbc.instant(rs, "created_at"),
                hold),
        redemptionId);
  }

  private static Hold hold(ResultSet rs) throws SQLException {
    return new Hold(
        (UUID) rs.getObject("hold_id"),
        rs.getString("redemption_id"),
        rs.getString("node_id"),
        Account.parse(rs.getString("debit_account_id")),
        Account.parse(rs.getString("credit_account_id")),
        rs.getLong("amount_minutes"),
        Jdbc.instant(rs, "expires_at"),
        rs.getString("state"),
        Jdbc.nullableLong(rs, "used_minutes"),
        Jdbc.instant(rs, "resolved_at"));
  }
}
