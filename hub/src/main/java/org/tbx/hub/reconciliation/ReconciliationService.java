package org.tbx.hub.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.tbx.hub.ledger.LedgerService;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.DifferenceKind;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ReconciliationDifference;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.StatementLine;

/**
 * Compares a bank's own statement (as of its sequence n) with the hub's record of that bank's stream up to
 * n: control totals and each volunteer's credited and debited minutes. Each difference is classified.
 */
@ApplicationScoped
public class ReconciliationService {

  private final LedgerService ledger;

  ReconciliationService(LedgerService ledger) {
    this.ledger = ledger;
  }

  /**
   * Stores one part of a statement; once every part is in, reconciles it.
   *
   * @param eventSequence the statement event's own sequence: the statement must cover earlier events only
   * @return the result, once the last part arrived
   * @throws ProtocolException {@code INVALID_FIELD} for a malformed or repeated part
   */
  public Optional<ReconciliationResult> receive(Connection c, LedgerService.Postings postings, UUID eventId, String node,
      long eventSequence, BalanceStatement s) throws SQLException, ProtocolException {
    if (s.getPartCount() < 1 || s.getPart() < 1 || s.getPart() > s.getPartCount()) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.part must be within 1..partCount, was "
          + s.getPart() + " of " + s.getPartCount());
    }
    if (s.getAsOfSequence() < 0 || s.getAsOfSequence() >= eventSequence) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD,
          "payload.asOfSequence must be below the statement's own sequence " + eventSequence + ", was " + s.getAsOfSequence());
    }
    if (partReceived(c, s.getStatementId(), s.getPart())
        || number(c, "select count(*) from reconciliation where statement_id = ?", s.getStatementId()) > 0) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD,
          "part " + s.getPart() + " of statement " + s.getStatementId() + " was received before");
    }
    insertPart(c, eventId, node, s);
    if (count(c, s.getStatementId()) < s.getPartCount()) {
      return Optional.empty();
    }
    ledger.flush(c, postings);
    return Optional.of(reconcile(c, node, s));
  }

  private ReconciliationResult reconcile(Connection c, String node, BalanceStatement s) throws SQLException {
    long n = s.getAsOfSequence();
    Map<String, long[]> bank = bankLines(c, s.getStatementId());
    Map<String, long[]> hub = hubFigures(c, node, n);
    Map<String, String> rejected = rejectedEvents(c, node, n);
    List<ReconciliationDifference> differences = new ArrayList<>();

    long[] hubTotals = new long[2];
    hub.values().forEach(f -> {
      hubTotals[0] += f[0];
      hubTotals[1] += f[1];
    });
    long hubEvents = number(c, "select count(*) from processed_event where node_id = ? and sequence <= " + n
        + " and event_type <> 'BalanceStatement'", node);
    compareTotal(differences, s.getControlTotals().getEventCount(), hubEvents);
    compareTotal(differences, s.getControlTotals().getCreditedMinutes(), hubTotals[0]);
    compareTotal(differences, s.getControlTotals().getDebitedMinutes(), hubTotals[1]);

    TreeSet<String> volunteers = new TreeSet<>(bank.keySet());
    volunteers.addAll(hub.keySet());
    for (String v : volunteers) {
      long[] b = bank.getOrDefault(v, new long[2]);
      long[] h = hub.getOrDefault(v, new long[2]);
      if (b[0] == h[0] && b[1] == h[1]) {
        continue;
      }
      long bankNet = b[0] - b[1];
      long hubNet = h[0] - h[1];
      DifferenceKind kind;
      String eventId = rejected.get(v);
      if (eventId != null) {
        kind = DifferenceKind.REJECTED_BY_HUB;
      } else if (!hub.containsKey(v)) {
        kind = DifferenceKind.MISSING_AT_HUB;
      } else if (!bank.containsKey(v)) {
        kind = DifferenceKind.MISSING_AT_BANK;
      } else {
        kind = DifferenceKind.AMOUNT_DIFFERS;
      }
      differences.add(new ReconciliationDifference(kind, v, eventId, bankNet, hubNet));
    }
    store(c, node, s, differences);
    return new ReconciliationResult(s.getStatementId(), n, differences.isEmpty(), differences);
  }

  private static void compareTotal(List<ReconciliationDifference> out, long bank, long hub) {
    if (bank != hub) {
      out.add(new ReconciliationDifference(DifferenceKind.CONTROL_TOTAL_DIFFERS, null, null, bank, hub));
    }
  }

  /** Credited and debited minutes per volunteer from the bank's events up to sequence n. */
  private static Map<String, long[]> hubFigures(Connection c, String node, long n) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    String sql = "select t.credit_account_id, t.debit_account_id, t.amount_minutes from transfer t "
        + "join processed_event e on e.event_id = t.event_id where e.node_id = ? and e.sequence <= ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, node);
      ps.setLong(2, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1).startsWith("volunteer:")) {
            out.computeIfAbsent(rs.getString(1).substring(10), k -> new long[2])[0] += rs.getLong(3);
          }
          if (rs.getString(2).startsWith("volunteer:")) {
            out.computeIfAbsent(rs.getString(2).substring(10), k -> new long[2])[1] += rs.getLong(3);
          }
        }
      }
    }
    return out;
  }

  /** The first event per volunteer that the hub rejected from this bank up to sequence n. */
  private static Map<String, String> rejectedEvents(Connection c, String node, long n) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select volunteer_id, event_id from processed_event where node_id = ? and sequence <= ? and outcome = 'REJECTED' "
            + "and volunteer_id is not null order by sequence")) {
      ps.setString(1, node);
      ps.setLong(2, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.putIfAbsent(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private static Map<String, long[]> bankLines(Connection c, String statementId) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select volunteer_id, credited_minutes, debited_minutes from statement_line where statement_id = ?")) {
      ps.setString(1, statementId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }

  private static void insertPart(Connection c, UUID eventId, String node, BalanceStatement s)
      throws SQLException, ProtocolException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into statement_part (statement_id, part, node_id, part_count, as_of_sequence, event_count, credited_total, "
            + "debited_total, event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.getStatementId());
      ps.setInt(2, s.getPart());
      ps.setString(3, node);
      ps.setInt(4, s.getPartCount());
      ps.setLong(5, s.getAsOfSequence());
      ps.setLong(6, s.getControlTotals().getEventCount());
      ps.setLong(7, s.getControlTotals().getCreditedMinutes());
      ps.setLong(8, s.getControlTotals().getDebitedMinutes());
      ps.setObject(9, eventId);
      ps.executeUpdate();
    }
    TreeSet<String> seen = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "insert into statement_line (statement_id, volunteer_id, credited_minutes, debited_minutes) values (?, ?, ?, ?) "
            + "on conflict do nothing")) {
      for (StatementLine line : s.getLines()) {
        if (!seen.add(line.getVolunteerId())) {
          throw new ProtocolException(ReasonCode.INVALID_FIELD, "volunteer " + line.getVolunteerId() + " appears twice");
        }
        ps.setString(1, s.getStatementId());
        ps.setString(2, line.getVolunteerId());
        ps.setLong(3, line.getCreditedMinutes());
        ps.setLong(4, line.getDebitedMinutes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void store(Connection c, String node, BalanceStatement s, List<ReconciliationDifference> differences)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into reconciliation (statement_id, node_id, as_of_sequence, matched, difference_count) values (?, ?, ?, ?, ?)")) {
      ps.setString(1, s.getStatementId());
      ps.setString(2, node);
      ps.setLong(3, s.getAsOfSequence());
      ps.setBoolean(4, differences.isEmpty());
      ps.setInt(5, differences.size());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into reconciliation_difference (statement_id, kind, volunteer_id, event_id, bank_minutes, hub_minutes) "
            + "values (?, ?, ?, ?, ?, ?)")) {
      for (ReconciliationDifference d : differences) {
        ps.setString(1, s.getStatementId());
        ps.setString(2, d.getKind().name());
        ps.setString(3, d.getVolunteerId());
        ps.setString(4, d.getEventId());
        ps.setLong(5, d.getBankMinutes());
        ps.setLong(6, d.getHubMinutes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean partReceived(Connection c, String statementId, int part) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from statement_part where statement_id = ? and part = ?")) {
      ps.setString(1, statementId);
      ps.setInt(2, part);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int count(Connection c, String statementId) throws SQLException {
    return (int) number(c, "select count(*) from statement_part where statement_id = ?", statementId);
  }

  private static long number(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
