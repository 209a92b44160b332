package org.tbx.hub.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** Disputes of debits and of service records ({@code dispute}). */
@ApplicationScoped
public class DisputeRepository {

  /**
   * A dispute and how it stands.
   *
   * @param kind DEBIT or SERVICE
   * @param postingNodeId the bank whose event is disputed: the debiting or the recording bank
   * @param eventCode the disputed event's transfer code: REDEMPTION_SETTLED, HOURS_GIFTED,
   *     HOURS_DONATED or SERVICE_RECORDED
   * @param state OPEN, UPHELD, REJECTED or WITHDRAWN
   * @param raisedByRole VOLUNTEER or HOME_BANK for a debit; RECORDING_BANK or RECIPIENT (through
   *     the recording bank) for a service record
   * @param compensationEventId the hub's event that gave the minutes back (a debit) or took the
   *     credit back (a service record), when upheld
   */
  public record Dispute(
      UUID disputeId,
      String kind,
      String volunteerId,
      UUID eventId,
      String postingNodeId,
      String homeNodeId,
      long minutes,
      String eventCode,
      String raisedByRole,
      String raisedBy,
      String reason,
      String state,
      String decidedBy,
      String decisionReason,
      UUID compensationEventId,
      Instant raisedAt,
      Instant decidedAt) {}

  /** A page of disputes and how many there are. */
  public record Page(long total, List<Dispute> items) {}

  /** The kind of a dispute of a service record; any other is of a debit. */
  static final String SERVICE = "SERVICE";

  private static final String COLUMNS =
      "dispute_id, volunteer_id, event_id, posting_node_id, home_node_id, minutes, event_code, raised_by_role, "
          + "raised_by, reason, state, decided_by, decision_reason, compensation_event_id, raised_at, decided_at";

  private final Jdbc jdbc;

  DisputeRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return false when the event already has an open or upheld dispute
   */
  boolean open(Dispute d) {
    return jdbc.update(
            "insert into dispute (dispute_id, volunteer_id, event_id, posting_node_id, home_node_id, minutes, "
                + "event_code, raised_by_role, raised_by, reason, state, raised_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) on conflict do nothing",
            d.disputeId(),
            d.volunteerId(),
            d.eventId(),
            d.postingNodeId(),
            d.homeNodeId(),
            d.minutes(),
            d.eventCode(),
            d.raisedByRole(),
            d.raisedBy(),
            d.reason(),
            d.raisedAt())
        == 1;
  }

  /**
   * @return a dispute, its row locked for the caller's transaction
   */
  Optional<Dispute> lock(UUID disputeId) {
    return jdbc.first(
        "select " + COLUMNS + " from dispute where dispute_id = ? for update",
        DisputeRepository::dispute,
        disputeId);
  }

  void decide(
      UUID disputeId,
      String state,
      String by,
      String reason,
      UUID compensationEventId,
      Instant at) {
    jdbc.update(
        "update dispute set state = ?, decided_by = ?, decision_reason = ?, compensation_event_id = ?, "
            + "decided_at = ? where dispute_id = ?",
        state,
        by,
        reason,
        compensationEventId,
        at,
        disputeId);
  }

  /**
   * @return a dispute
   */
  public Optional<Dispute> find(UUID disputeId) {
    return jdbc.first(
        "select " + COLUMNS + " from dispute where dispute_id = ?",
        DisputeRepository::dispute,
        disputeId);
  }

  /**
   * @return a page of disputes, newest first: all, a bank's (posting or home), or a volunteer's; by
   *     state
   */
  public Page list(String nodeId, String volunteerId, String state, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (nodeId != null) {
      where.append(" and (posting_node_id = ? or home_node_id = ?)");
      args.add(nodeId);
      args.add(nodeId);
    }
    if (volunteerId != null) {
      where.append(" and volunteer_id = ?");
      args.add(volunteerId);
    }
    if (state != null) {
      where.append(" and state = ?");
      args.add(state);
    }
    long total = jdbc.number("select count(*) from dispute" + where, args.toArray());
    args.add(size);
    args.add((long) page * size);
    return new Page(
        total,
        jdbc.list(
            "select "
                + COLUMNS
                + " from dispute"
                + where
                + " order by raised_at desc, dispute_id limit ? offset ?",
            DisputeRepository::dispute,
            args.toArray()));
  }

  /**
   * @return the upheld disputes of the volunteer's service records: the days they were decided,
   *     China Standard Time
   */
  public List<java.time.LocalDate> upheldServiceDisputes(String volunteerId) {
    return jdbc.list(
        "select (decided_at at time zone 'Asia/Shanghai')::date as day from dispute"
            + " where volunteer_id = ? and event_code = 'SERVICE_RECORDED' and state = 'UPHELD'",
        rs -> Jdbc.date(rs, "day"),
        volunteerId);
  }

  private static Dispute dispute(ResultSet rs) throws SQLException {
    String code = rs.getString("event_code");
    return new Dispute(
        (UUID) rs.getObject("dispute_id"),
        code.equals("SERVICE_RECORDED") ? SERVICE : "DEBIT",
        rs.getString("volunteer_id"),
        (UUID) rs.getObject("event_id"),
        rs.getString("posting_node_id"),
        rs.getString("home_node_id"),
        rs.getLong("minutes"),
        code,
        rs.getString("raised_by_role"),
        rs.getString("raised_by"),
        rs.getString("reason"),
        rs.getString("state"),
        rs.getString("decided_by"),
        rs.getString("decision_reason"),
        (UUID) rs.getObject("compensation_event_id"),
        Jdbc.instant(rs, "raised_at"),
        Jdbc.instant(rs, "decided_at"));
  }
}
