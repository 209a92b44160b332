package org.tbx.hub.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Posts transfers and reserves minutes. Deposits are buffered and posted set-based, touching each account
 * row once per batch in id order (so concurrent hub instances lock rows in the same order); anything that
 * reads a balance first flushes the buffer and locks the account row.
 */
@ApplicationScoped
public class LedgerService {

  /** An account's totals as locked for the caller's transaction. */
  public record Balance(String accountId, long debitsPosted, long creditsPosted, long debitsPending) {
    /** @return credits minus debits, posted */
    public long posted() {
      return creditsPosted - debitsPosted;
    }

    /** @return what may still be reserved or spent: posted balance minus pending debits */
    public long available() {
      return posted() - debitsPending;
    }
  }

  /** A posted transfer as stored. */
  public record Posted(long id, String debitAccountId, String creditAccountId, long amountMinutes, String code) {}

  /** Transfers waiting to be posted in the current transaction. */
  public static final class Postings {
    private final List<Transfer> buffered = new ArrayList<>();

    public void add(Transfer transfer) {
      buffered.add(transfer);
    }
  }

  /** @return an empty buffer for one transaction */
  public Postings begin() {
    return new Postings();
  }

  /** Posts and clears everything buffered, on the caller's connection. */
  public void flush(Connection c, Postings postings) throws SQLException {
    post(c, postings.buffered);
    postings.buffered.clear();
  }

  /**
   * Flushes the buffer, then locks an account row and reads its totals.
   *
   * @return empty when the account has never been posted to
   */
  public Optional<Balance> lock(Connection c, Postings postings, Transfer.Account account) throws SQLException {
    flush(c, postings);
    try (PreparedStatement ps = c.prepareStatement(
        "select debits_posted, credits_posted, debits_pending from account where id = ? for update")) {
      ps.setString(1, account.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Balance(account.id(), rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty();
      }
    }
  }

  /** Posts transfers now (after the buffer), for callers that read balances next. */
  public void postNow(Connection c, Postings postings, List<Transfer> transfers) throws SQLException {
    flush(c, postings);
    post(c, transfers);
  }

  /**
   * Moves pending amounts: {@code +amount} reserves (debit pending on {@code debit}, credit pending on
   * {@code credit}), {@code -amount} releases a reservation.
   */
  public void pending(Connection c, Transfer.Account debit, Transfer.Account credit, long amount) throws SQLException {
    ensure(c, credit);
    try (PreparedStatement ps = c.prepareStatement(
        "update account set debits_pending = debits_pending + ?, updated_at = now() where id = ?")) {
      ps.setLong(1, amount);
      ps.setString(2, debit.id());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "update account set credits_pending = credits_pending + ?, updated_at = now() where id = ?")) {
      ps.setLong(1, amount);
      ps.setString(2, credit.id());
      ps.executeUpdate();
    }
  }

  /** @return the transfers an event posted, oldest first */
  public List<Posted> transfersOf(Connection c, UUID eventId) throws SQLException {
    List<Posted> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select id, debit_account_id, credit_account_id, amount_minutes, code from transfer where event_id = ? order by id")) {
      ps.setObject(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Posted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  /** @return whether a transfer has been reversed already */
  public boolean reversed(Connection c, long transferId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from transfer where reverses_transfer_id = ?")) {
      ps.setLong(1, transferId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private void ensure(Connection c, Transfer.Account account) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into account (id, kind) values (?, ?) on conflict do nothing")) {
      ps.setString(1, account.id());
      ps.setString(2, account.kind().name());
      ps.executeUpdate();
    }
  }

  private void post(Connection c, List<Transfer> transfers) throws SQLException {
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
    try (PreparedStatement ps = c.prepareStatement(
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
    try (PreparedStatement ps = c.prepareStatement(
        "insert into transfer (event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id, "
            + "reverses_transfer_id) values (?, ?, ?, ?, ?, ?, ?)")) {
      for (Transfer t : transfers) {
        ps.setObject(1, t.eventId());
        ps.setString(2, t.debitAccount().id());
        ps.setString(3, t.creditAccount().id());
        ps.setLong(4, t.amountMinutes());
        ps.setString(5, t.code());
        ps.setString(6, t.nodeId());
        ps.setObject(7, t.reversesTransferId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
