package org.tbx.hub.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.RedemptionStatus;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.v1.RedemptionRequested;

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
   * @param status AUTHORIZED or DECLINED, as decided
   * @param serviceCategory, relation, beneficiaryRef what the minutes are for (null before V3)
   * @param hold empty when declined
   */
  public record Redemption(
      String redemptionId,
      String nodeId,
      String volunteerId,
      long requestedMinutes,
      String status,
      String declineReason,
      String serviceCategory,
      String relation,
      String beneficiaryRef,
      Instant createdAt,
      Optional<Hold> hold) {

    /**
     * @return where the redemption stands, in the vocabulary the hub and the adapters share
     */
    public RedemptionStatus lifecycle() {
      if (status.equals("DECLINED")) {
        return RedemptionStatus.DECLINED;
      }
      return hold.map(h -> RedemptionStatus.ofHold(h.state())).orElse(RedemptionStatus.AUTHORIZED);
    }
  }

  private static final String REDEMPTION_COLUMNS =
      "redemption_id, node_id, volunteer_id, requested_minutes, status, decline_reason, service_category,"
          + " relation, beneficiary_ref, created_at";

  private static final String HOLD_COLUMNS =
      "hold_id, redemption_id, node_id, debit_account_id, credit_account_id, amount_minutes, expires_at, state, "
          + "used_minutes, resolved_at";

  private final Jdbc jdbc;

  RedemptionRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Redemption ids a poll has looked up, and those of them taken (before, or by the poll). */
  private static final class Seen {
    final Set<String> looked = new HashSet<>();
    final Set<String> taken = new HashSet<>();
  }

  /** Looks up, in one query, which of a record's redemption ids were used before. */
  void prefetch(UnitOfWork work, Collection<String> redemptionIds) {
    Seen seen = work.local(Seen.class, Seen::new);
    List<String> unknown =
        redemptionIds.stream().filter(id -> !seen.looked.contains(id)).distinct().toList();
    if (!unknown.isEmpty()) {
      seen.taken.addAll(
          jdbc.list(
              "select redemption_id from redemption where redemption_id = any(?)",
              rs -> rs.getString(1),
              (Object) unknown.toArray(String[]::new)));
      seen.looked.addAll(unknown);
    }
  }

  /**
   * Claims a redemption id for a request the poll is about to record (authorized or declined).
   *
   * @return false when an earlier request used it
   */
  boolean claim(UnitOfWork work, String redemptionId) {
    prefetch(work, List.of(redemptionId));
    return work.local(Seen.class, Seen::new).taken.add(redemptionId);
  }

  /** A poll's redemptions and holds, written together: at the poll's end, or before one is read. */
  private final class Unwritten implements UnitOfWork.Deferred {
    final List<Object[]> redemptions = new ArrayList<>();
    final List<Object[]> holds = new ArrayList<>();

    @Override
    public void write() {
      jdbc.batch(
          "insert into redemption (redemption_id, node_id, volunteer_id, requested_minutes, event_id,"
              + " status, decline_reason, service_category, relation, beneficiary_ref,"
              + " beneficiary_age) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          redemptions,
          Jdbc::bind);
      jdbc.batch(
          "insert into hold (hold_id, redemption_id, node_id, debit_account_id, credit_account_id,"
              + " amount_minutes, expires_at, state) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')",
          holds,
          Jdbc::bind);
      redemptions.clear();
      holds.clear();
    }
  }

  private Unwritten unwritten(UnitOfWork work) {
    return work.local(
        Unwritten.class,
        () -> {
          Unwritten rows = new Unwritten();
          work.defer(rows);
          return rows;
        });
  }

  /**
   * Records a request's outcome with the poll's others, written at the poll's end.
   *
   * @param at when the hub decided, for the beneficiary's age (kept instead of the birth date)
   */
  void insert(
      UnitOfWork work,
      UUID eventId,
      String nodeId,
      RedemptionRequested r,
      String status,
      String declineReason,
      Instant at) {
    unwritten(work)
        .redemptions
        .add(
            new Object[] {
              r.getRedemptionId(),
              nodeId,
              r.getVolunteerId(),
              (long) r.getRequestedMinutes(),
              eventId,
              status,
              declineReason,
              r.getServiceCategory(),
              r.getRelation().name(),
              r.getBeneficiaryRef(),
              Rulebook.ageOn(
                  r.getBeneficiaryBirthDate(), LocalDate.ofInstant(at, ZoneOffset.ofHours(8)))
            });
  }

  /**
   * The elders served in a time: distinct beneficiaries (a bank's reference for each) of
   * redemptions settled for some minutes, counted by their age, in whole years on the day (China
   * time) of their latest such settlement; beneficiaries without a birth date (redemptions before
   * V13) count under -1. Reads the settled holds of the time by index, not the whole table.
   *
   * @return people by age
   */
  public Map<Integer, Long> beneficiariesByAge(Instant from, Instant to) {
    Map<Integer, Long> out = new TreeMap<>();
    jdbc.list(
        "select coalesce(beneficiary_age, -1) as age, count(*) as people from ("
            + " select distinct on (r.node_id, r.beneficiary_ref) r.beneficiary_age"
            + " from hold h join redemption r on r.redemption_id = h.redemption_id"
            + " where h.state = 'POSTED' and h.used_minutes > 0 and h.resolved_at >= ?"
            + " and h.resolved_at < ? and r.beneficiary_ref is not null"
            + " order by r.node_id, r.beneficiary_ref, h.resolved_at desc) latest group by 1",
        rs -> out.put(rs.getInt("age"), rs.getLong("people")),
        from,
        to);
    return out;
  }

  /**
   * @return the service category a redemption was for, if it names one (every redemption since V3)
   */
  Optional<String> categoryOf(String redemptionId) {
    return jdbc.first(
        "select service_category from redemption where redemption_id = ?"
            + " and service_category is not null",
        rs -> rs.getString(1),
        redemptionId);
  }

  /** Records an authorized hold with the poll's others, written at the poll's end. */
  void insertHold(
      UnitOfWork work,
      UUID holdId,
      String redemptionId,
      String nodeId,
      Account debit,
      Account credit,
      long minutes,
      Instant expiresAt) {
    unwritten(work)
        .holds
        .add(
            new Object[] {
              holdId, redemptionId, nodeId, debit.id(), credit.id(), minutes, expiresAt
            });
  }

  /**
   * @return the hold, its row locked for the caller's transaction
   */
  Optional<Hold> lockHold(UnitOfWork work, UUID holdId) {
    unwritten(work).write();
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
        "select " + REDEMPTION_COLUMNS + " from redemption where redemption_id = ?",
        rs -> redemption(rs, hold),
        redemptionId);
  }

  /**
   * @return a volunteer's redemptions whose minutes are still held (authorized, not yet settled,
   *     cancelled or expired), oldest first
   */
  public List<Redemption> held(String volunteerId) {
    return jdbc.list(
        "select r.redemption_id, r.node_id, r.volunteer_id, r.requested_minutes, r.status, r.decline_reason,"
            + " r.service_category, r.relation, r.beneficiary_ref, r.created_at, h.hold_id,"
            + " h.debit_account_id, h.credit_account_id, h.amount_minutes, h.expires_at, h.state, h.used_minutes,"
            + " h.resolved_at from redemption r join hold h on h.redemption_id = r.redemption_id"
            + " where r.volunteer_id = ? and h.state = 'PENDING' order by r.created_at, r.redemption_id",
        rs -> redemption(rs, Optional.of(hold(rs))),
        volunteerId);
  }

  private static Redemption redemption(ResultSet rs, Optional<Hold> hold) throws SQLException {
    return new Redemption(
        rs.getString("redemption_id"),
        rs.getString("node_id"),
        rs.getString("volunteer_id"),
        rs.getLong("requested_minutes"),
        rs.getString("status"),
        rs.getString("decline_reason"),
        rs.getString("service_category"),
        rs.getString("relation"),
        rs.getString("beneficiary_ref"),
        Jdbc.instant(rs, "created_at"),
        hold);
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
