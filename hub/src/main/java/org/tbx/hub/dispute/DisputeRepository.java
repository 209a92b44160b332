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

/** Disputes of debits ({@code dispute}). */
@ApplicationScoped
public class DisputeRepository {

  /**
   * A dispute and how it stands.
   *
   * @param state OPEN, UPHELD, REJECTED or WITHDRAWN
   * @param raisedByRole VOLUNTEER or HOME_BANK
   * @param compensationEventId the hub's event that gave the minutes back, when upheld
   */
  public record Dispute(
      UUID disputeId,
      String volunteerId,
      UUID eventId,
      String debitingNodeId,
      String homeNodeId,
      long minutes,
      String debitCode,
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

  private static final String COLUMNS =
      "dispute_id, volunteer_id, event_id, debiting_node_id, home_node_id, minutes, debit_code, raised_by_role, "
          + "raised_by, reason, state, decided_by, decision_reason, compensation_event_id, raised_at, decided_at";

  private final Jdbc jdbc;

  DisputeRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return false when the debit already has an open or upheld dispute
   */
  boolean open(Dispute d) {
    return jdbc.update(
            "insert into dispute (dispute_id, volunteer_id, event_id, debiting_node_id, home_node_id, minutes, "
                + "debit_code, raised_by_role, raised_by, reason, state, raised_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) on conflict do nothing",
            d.disputeId(),
            d.volunteerId(),
            d.eventId(),
            d.debitingNodeId(),
            d.homeNodeId(),
            d.minutes(),
            d.debitCode(),
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
   * @return a page of disputes, newest first: all, a bank's (debiting or home), or a volunteer's;
   *     by state
   */
  public Page list(String nodeId, String volunteerId, String state, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (nodeId != null) {
      where.append(" and (debiting_node_id = ? or home_node_id = ?)");
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

  private static Dispute dispute(ResultSet rs) throws SQLException {
    return new Dispute(
        (UUID) rs.getObject("dispute_id"),
        rs.getString("volunteer_id"),
        (UUID) rs.getObject("event_id"),
        rs.getString("debiting_node_id"),
        rs.getString("home_node_id"),
        rs.getLong("minutes"),
        rs.getString("debit_code"),
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
