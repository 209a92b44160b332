package org.tbx.hub.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

/** Turns events into balanced transfers and posts them, touching each account row once per batch. */
@ApplicationScoped
public class LedgerService {

  /**
   * @param eventId the event's id, already parsed
   * @param event a validated event
   * @return the transfers it causes
   */
  public List<Transfer> transfersFor(UUID eventId, NodeEvent event) {
    Object payload = event.getPayload();
    if (payload instanceof ServiceRecorded deposit) {
      return List.of(
          new Transfer(
              eventId,
              Transfer.Account.bankIssued(event.getNodeId()),
              Transfer.Account.volunteer(deposit.getVolunteerId()),
              deposit.getCreditedMinutes(),
              "SERVICE_RECORDED",
              event.getNodeId()));
    }
    throw new IllegalArgumentException("no ledger rule for " + payload.getClass().getSimpleName());
  }

  /**
   * Posts transfers on the caller's connection: account totals first, in id order so concurrent hub
   * instances lock rows in the same order, then the transfer rows.
   */
  public void post(Connection c, List<Transfer> transfers) throws SQLException {
    if (transfers.isEmpty()) {
      return;
    }
    Map<String, long[]> totals = new TreeMap<>();
    Map<String, AccountKind> kinds = new TreeMap<>();
    for (Transfer t : transfers) {
      totals.computeIfAbsent(t.debitAccount().id(), k -> new long[2])[0] += t.amountMinutes();
      totals.computeIfAbsent(t.creditAccount().id(), k -> new long[2])[1] += t.amountMinutes();
      kinds.put(t.debitAccount().id(), t.debitAccount().kind());
      kinds.put(t.creditAccount().id(), t.creditAccount().kind());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into account (id, kind, debits_posted, credits_posted) values (?, ?, ?, ?) "
                + "on conflict (id) do update set debits_posted = account.debits_posted + excluded.debits_posted, "
                + "credits_posted = account.credits_posted + excluded.credits_posted, updated_at = now()")) {
      for (Map.Entry<String, long[]> e : totals.entrySet()) {
        ps.setString(1, e.getKey());
        ps.setString(2, kinds.get(e.getKey()).name());
        ps.setLong(3, e.getValue()[0]);
        ps.setLong(4, e.getValue()[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into transfer (event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id) "
                + "values (?, ?, ?, ?, ?, ?)")) {
      for (Transfer t : transfers) {
        ps.setObject(1, t.eventId());
        ps.setString(2, t.debitAccount().id());
        ps.setString(3, t.creditAccount().id());
        ps.setLong(4, t.amountMinutes());
        ps.setString(5, t.code());
        ps.setString(6, t.nodeId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
