package org.tbx.hub.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.ReconciliationDifference;

/**
 * Statements as they arrive ({@code statement_part}, {@code statement_line}) and their
 * reconciliation.
 */
@ApplicationScoped
public class ReconciliationRepository {

  /**
   * One difference.
   *
   * @param kind MISSING_AT_HUB, MISSING_AT_BANK, AMOUNT_DIFFERS, REJECTED_BY_HUB or
   *     CONTROL_TOTAL_DIFFERS
   * @param bankMinutes the bank's figure (net minutes for a volunteer, the total for a control
   *     total)
   */
  public record Difference(
      String kind, String volunteerId, String eventId, long bankMinutes, long hubMinutes) {}

  /** A reconciled statement. */
  public record Result(
      String statementId,
      String nodeId,
      long asOfSequence,
      boolean matched,
      int differenceCount,
      Instant reconciledAt,
      List<Difference> differences) {}

  /**
   * A statement whose parts are all in, waiting for {@link Reconciliations}; also the event fired
   * when a poll completes one, acted on once that poll commits.
   */
  public record Due(String statementId, String nodeId, long asOfSequence) {}

  /** A page of results and how many there are. */
  public record Page(long total, List<Result> items) {}

  private final Jdbc jdbc;
  private final Event<Due> completed;

  ReconciliationRepository(DataSource dataSource, Event<Due> completed) {
    this.jdbc = new Jdbc(dataSource);
    this.completed = completed;
  }

  boolean partReceived(String statementId, int part) {
    return jdbc.exists(
        "select 1 from statement_part where statement_id = ? and part = ?", statementId, part);
  }

  /**
   * @return whether the statement's parts are all in: reconciled, or waiting to be
   */
  boolean complete(String statementId) {
    return jdbc.exists(
        "select 1 from reconciliation where statement_id = ? "
            + "union all select 1 from reconciliation_due where statement_id = ?",
        statementId,
        statementId);
  }

  void insertPart(UUID eventId, String node, BalanceStatement s) {
    jdbc.update(
        "insert into statement_part (statement_id, part, node_id, part_count, as_of_sequence, event_count, "
            + "credited_total, debited_total, event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.getStatementId(),
        s.getPart(),
        node,
        s.getPartCount(),
        s.getAsOfSequence(),
        s.getControlTotals().getEventCount(),
        s.getControlTotals().getCreditedMinutes(),
        s.getControlTotals().getDebitedMinutes(),
        eventId);
    jdbc.batch(
        "insert into statement_line (statement_id, volunteer_id, credited_minutes, debited_minutes) "
            + "values (?, ?, ?, ?) on conflict do nothing",
        s.getLines(),
        (ps, line) ->
            Jdbc.bind(
                ps,
                s.getStatementId(),
                line.getVolunteerId(),
                line.getCreditedMinutes(),
                line.getDebitedMinutes()));
  }

  int partsReceived(String statementId) {
    return (int)
        jdbc.number("select count(*) from statement_part where statement_id = ?", statementId);
  }

  /** Queues a statement whose last part arrived, in the caller's transaction. */
  void markDue(String node, BalanceStatement s) {
    jdbc.update(
        "insert into reconciliation_due (statement_id, node_id, as_of_sequence) values (?, ?, ?)",
        s.getStatementId(),
        node,
        s.getAsOfSequence());
    completed.fire(new Due(s.getStatementId(), node, s.getAsOfSequence()));
  }

  /**
   * @return up to {@code limit} statements waiting to be reconciled, the longest waiting first
   */
  List<Due> due(int limit) {
    return jdbc.list(
        "select statement_id, node_id, as_of_sequence from reconciliation_due "
            + "order by completed_at, statement_id limit ?",
        rs -> new Due(rs.getString(1), rs.getString(2), rs.getLong(3)),
        limit);
  }

  /**
   * Takes a waiting statement off the queue in the caller's transaction; of two hub instances that
   * reconciled it at once, the second waits for the first to commit and gets false.
   *
   * @return whether the caller took it
   */
  boolean take(String statementId) {
    return jdbc.update("delete from reconciliation_due where statement_id = ?", statementId) == 1;
  }

  /**
   * @return the statement's control totals (every part repeats them)
   */
  ControlTotals controlTotals(String statementId) {
    return jdbc.first(
            "select event_count, credited_total, debited_total from statement_part "
                + "where statement_id = ? order by part limit 1",
            rs -> new ControlTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
            statementId)
        .orElseThrow(() -> new IllegalStateException("statement " + statementId + " has no part"));
  }

  Map<String, Figures> bankLines(String statementId) {
    Map<String, Figures> out = new HashMap<>();
    jdbc.list(
            "select volunteer_id, credited_minutes, debited_minutes from statement_line where statement_id = ?",
            rs -> Map.entry(rs.getString(1), new Figures(rs.getLong(2), rs.getLong(3))),
            statementId)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Credited and debited minutes per volunteer from the bank's events up to sequence n, summed by
   * the database: a row per volunteer comes back, not one per transfer (a bank with 10^7 transfers
   * would not fit in the hub's memory otherwise).
   */
  Map<String, Figures> hubFigures(String node, long n) {
    Map<String, Figures> out = new HashMap<>();
    jdbc.list(
            "select m.account_id, sum(m.credited), sum(m.debited) from transfer t "
                + "join processed_event e on e.event_id = t.event_id "
                + "cross join lateral (values (t.credit_account_id, t.amount_minutes, 0::bigint), "
                + "(t.debit_account_id, 0::bigint, t.amount_minutes)) m (account_id, credited, debited) "
                + "where e.node_id = ? and e.sequence <= ? and m.account_id like 'volunteer:%' "
                + "group by m.account_id",
            rs ->
                Map.entry(
                    rs.getString(1).substring("volunteer:".length()),
                    new Figures(rs.getLong(2), rs.getLong(3))),
            node,
            n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The first event per volunteer that the hub rejected from this bank up to sequence n. */
  Map<String, String> rejectedEvents(String node, long n) {
    Map<String, String> out = new HashMap<>();
    jdbc.list(
            "select volunteer_id, event_id from processed_event where node_id = ? and sequence <= ? "
                + "and outcome = 'REJECTED' and volunteer_id is not null order by sequence",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            node,
            n)
        .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * @return how many of the bank's events up to sequence n the hub took up, statements aside
   */
  long hubEventCount(String node, long n) {
    return jdbc.number(
        "select count(*) from processed_event where node_id = ? and sequence <= ? and event_type <> 'BalanceStatement'",
        node,
        n);
  }

  void store(Due s, List<ReconciliationDifference> differences) {
    jdbc.update(
        "insert into reconciliation (statement_id, node_id, as_of_sequence, matched, difference_count) "
            + "values (?, ?, ?, ?, ?)",
        s.statementId(),
        s.nodeId(),
        s.asOfSequence(),
        differences.isEmpty(),
        differences.size());
    jdbc.batch(
        "insert into reconciliation_difference (statement_id, kind, volunteer_id, event_id, bank_minutes, hub_minutes) "
            + "values (?, ?, ?, ?, ?, ?)",
        differences,
        (ps, d) ->
            Jdbc.bind(
                ps,
                s.statementId(),
                d.getKind().name(),
                d.getVolunteerId(),
                d.getEventId(),
                d.getBankMinutes(),
                d.getHubMinutes()));
  }

  /**
   * @return a page of results, newest first, of one bank or all (null), each with its differences
   */
  public Page list(String nodeId, int page, int size) {
    String where = nodeId == null ? "" : " where node_id = ?";
    Object[] filter = nodeId == null ? new Object[0] : new Object[] {nodeId};
    long total = jdbc.number("select count(*) from reconciliation" + where, filter);
    Object[] args =
        nodeId == null
            ? new Object[] {size, (long) page * size}
            : new Object[] {nodeId, size, (long) page * size};
    List<Result> items =
        jdbc.list(
            "select statement_id, node_id, as_of_sequence, matched, difference_count, reconciled_at from reconciliation"
                + where
                + " order by reconciled_at desc, statement_id limit ? offset ?",
            rs ->
                new Result(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(4),
                    rs.getInt(5),
                    Jdbc.instant(rs, "reconciled_at"),
                    List.of()),
            args);
    return new Page(total, items.stream().map(r -> withDifferences(r)).toList());
  }

  /**
   * @return one reconciled statement with every difference
   */
  public Optional<Result> find(String statementId) {
    return jdbc.first(
            "select statement_id, node_id, as_of_sequence, matched, difference_count, reconciled_at "
                + "from reconciliation where statement_id = ?",
            rs ->
                new Result(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(4),
                    rs.getInt(5),
                    Jdbc.instant(rs, "reconciled_at"),
                    List.of()),
            statementId)
        .map(this::withDifferences);
  }

  private Result withDifferences(Result r) {
    List<Difference> differences =
        jdbc.list(
            "select kind, volunteer_id, event_id, bank_minutes, hub_minutes from reconciliation_difference "
                + "where statement_id = ? order by id",
            rs ->
                new Difference(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getLong(5)),
            r.statementId());
    return new Result(
        r.statementId(),
        r.nodeId(),
        r.asOfSequence(),
        r.matched(),
        r.differenceCount(),
        r.reconciledAt(),
        differences);
  }

  /** Differences of one kind in the banks' latest reconciliations, and the oldest of them. */
  public record KindCount(String kind, long differences, Instant oldest) {}

  /**
   * @return the differences in each bank's latest reconciliation, per kind, most first
   */
  public List<KindCount> latestDifferencesByKind() {
    return jdbc.list(
        "select d.kind, count(*) as n, min(r.reconciled_at) as oldest"
            + " from reconciliation_difference d join reconciliation r using (statement_id)"
            + " where r.statement_id in (select distinct on (node_id) statement_id from"
            + " reconciliation order by node_id, reconciled_at desc)"
            + " group by d.kind order by n desc, d.kind",
        rs -> new KindCount(rs.getString("kind"), rs.getLong("n"), Jdbc.instant(rs, "oldest")));
  }
}
