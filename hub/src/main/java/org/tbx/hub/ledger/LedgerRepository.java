package org.tbx.hub.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * The {@code account} and {@code transfer} tables. Posting is set-based: each account row is
 * touched once per call, in id order (so concurrent hub instances lock rows in the same order), and
 * transfers go in one COPY.
 */
@ApplicationScoped
public class LedgerRepository implements LedgerStore {

  private static final String TRANSFER_COLUMNS =
      "id, event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id, reverses_transfer_id, created_at";

  /**
   * The day an account last moved (UTC); it changes at most once a day, so most postings update the
   * row without new index entries (V7).
   */
  private static final String ACTIVE_TODAY = "active_on = (now() at time zone 'UTC')::date";

  /** How a read-only transaction names itself to the database (see {@link #readOnly()}). */
  private static final String READ_ONLY = "tbx-read-only";

  private final Jdbc jdbc;

  LedgerRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** A page of an account's transfers, newest first, and how many there are. */
  public record Page(long total, List<Transfer> items) {}

  /** Posts transfers on the caller's transaction, in the order given. */
  @Override
  public void post(List<Transfer> transfers) {
    if (transfers.isEmpty()) {
      return;
    }
    Map<String, long[]> totals = new TreeMap<>();
    Map<String, AccountKind> kinds = new TreeMap<>();
    for (Transfer t : transfers) {
      totals.computeIfAbsent(t.debit().id(), k -> new long[2])[0] += t.amountMinutes();
      totals.computeIfAbsent(t.credit().id(), k -> new long[2])[1] += t.amountMinutes();
      kinds.put(t.debit().id(), t.debit().kind());
      kinds.put(t.credit().id(), t.credit().kind());
    }
    jdbc.batch(
        "insert into account (id, kind, debits_posted, credits_posted) values (?, ?, ?, ?) "
            + "on conflict (id) do update set debits_posted = account.debits_posted + excluded.debits_posted, "
            + "credits_posted = account.credits_posted + excluded.credits_posted, updated_at = now(), "
            + ACTIVE_TODAY,
        totals.entrySet(),
        (ps, e) ->
            Jdbc.bind(
                ps, e.getKey(), kinds.get(e.getKey()).name(), e.getValue()[0], e.getValue()[1]));
    jdbc.copy(
        "transfer (event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id, "
            + "reverses_transfer_id)",
        transfers,
        t ->
            new Object[] {
              t.eventId(),
              t.debit().id(),
              t.credit().id(),
              t.amountMinutes(),
              t.code(),
              t.nodeId(),
              t.reversesTransferId()
            });
    Map<String, long[]> daily = new TreeMap<>();
    for (Transfer t : transfers) {
      long[] sums = daily.computeIfAbsent(t.nodeId() + "\n" + t.code(), k -> new long[2]);
      sums[0] += t.amountMinutes();
      sums[1]++;
    }
    jdbc.batch(
        "insert into ledger_daily (day, node_id, code, minutes, transfers) "
            + "values ((now() at time zone 'UTC')::date, ?, ?, ?, ?) "
            + "on conflict (day, node_id, code) do update set minutes = ledger_daily.minutes + "
            + "excluded.minutes, transfers = ledger_daily.transfers + excluded.transfers",
        daily.entrySet(),
        (ps, e) -> {
          String[] key = e.getKey().split("\n", 2);
          Jdbc.bind(ps, key[0], key[1], e.getValue()[0], e.getValue()[1]);
        });
  }

  @Override
  public void tally(List<ServiceTally> tallies) {
    Map<String, long[]> sums = new TreeMap<>();
    for (ServiceTally t : tallies) {
      long[] sum =
          sums.computeIfAbsent(
              t.nodeId() + "\n" + t.category() + "\n" + t.flow().name(), k -> new long[2]);
      sum[0] += t.minutes();
      sum[1]++;
    }
    jdbc.batch(
        "insert into service_daily (day, node_id, category, flow, minutes, records) "
            + "values ((now() at time zone 'UTC')::date, ?, ?, ?, ?, ?) "
            + "on conflict (day, node_id, category, flow) do update set minutes = "
            + "service_daily.minutes + excluded.minutes, records = service_daily.records + excluded.records",
        sums.entrySet(),
        (ps, e) -> {
          String[] key = e.getKey().split("\n", 3);
          Jdbc.bind(ps, key[0], key[1], key[2], e.getValue()[0], e.getValue()[1]);
        });
  }

  /**
   * @return the account's totals, its row locked for the caller's transaction; empty when never
   *     posted to
   */
  @Override
  public Optional<Balance> lock(Account account) {
    return jdbc.first(
        "select debits_posted, credits_posted, debits_pending, credits_pending, updated_at from account "
            + "where id = ? for update",
        rs -> balance(account, rs),
        account.id());
  }

  /**
   * @return the account's totals as they stand; empty when never posted to
   */
  public Optional<Balance> balance(Account account) {
    return jdbc.first(
        "select debits_posted, credits_posted, debits_pending, credits_pending, updated_at from account where id = ?",
        rs -> balance(account, rs),
        account.id());
  }

  @Override
  public void open(Account account) {
    jdbc.update(
        "insert into account (id, kind) values (?, ?) on conflict do nothing",
        account.id(),
        account.kind().name());
  }

  /**
   * Moves pending amounts, one statement for all the accounts; each must have its row (the debited
   * one was locked, the credited one opened with the hold).
   */
  @Override
  public void pending(Map<Account, long[]> moves) {
    if (moves.isEmpty()) {
      return;
    }
    List<Map.Entry<Account, long[]>> rows = new ArrayList<>(moves.entrySet());
    int moved =
        jdbc.update(
            "update account a set debits_pending = a.debits_pending + m.d, "
                + "credits_pending = a.credits_pending + m.c, updated_at = now(), "
                + ACTIVE_TODAY
                + " from unnest(?::text[], ?::bigint[], ?::bigint[]) m (id, d, c) where a.id = m.id",
            rows.stream().map(e -> e.getKey().id()).toArray(String[]::new),
            rows.stream().map(e -> e.getValue()[0]).toArray(Long[]::new),
            rows.stream().map(e -> e.getValue()[1]).toArray(Long[]::new));
    if (moved != rows.size()) {
      throw new IllegalStateException(
          "pending minutes moved on "
              + moved
              + " of "
              + rows.size()
              + " accounts: "
              + moves.keySet());
    }
  }

  /**
   * @return the transfers an event posted, in posting order
   */
  @Override
  public List<Transfer> transfersOf(UUID eventId) {
    return jdbc.list(
        "select " + TRANSFER_COLUMNS + " from transfer where event_id = ? order by id",
        LedgerRepository::transfer,
        eventId);
  }

  /**
   * @return whether a transfer has been reversed already
   */
  @Override
  public boolean isReversed(long transferId) {
    return jdbc.exists("select 1 from transfer where reverses_transfer_id = ?", transferId);
  }

  /**
   * @return a page of the account's transfers, newest first
   */
  public Page history(Account account, int page, int size) {
    long total =
        jdbc.number(
            "select count(*) from transfer where debit_account_id = ? or credit_account_id = ?",
            account.id(),
            account.id());
    List<Transfer> items =
        jdbc.list(
            "select "
                + TRANSFER_COLUMNS
                + " from transfer where debit_account_id = ? or credit_account_id = ? "
                + "order by id desc limit ? offset ?",
            LedgerRepository::transfer,
            account.id(),
            account.id(),
            size,
            (long) page * size);
    return new Page(total, items);
  }

  /**
   * Streams every transfer posted before {@code to}, in posting order, to {@code each}; call in a
   * transaction (rows are fetched in chunks through a cursor).
   */
  public void forEachTransfer(Instant to, Consumer<Transfer> each) {
    streamTransfers("created_at < ?", each, to);
  }

  /**
   * Streams the transfers with ids in ({@code afterId}, {@code upToId}], in posting order, to
   * {@code each}; call in a transaction.
   */
  public void forEachTransfer(long afterId, long upToId, Consumer<Transfer> each) {
    streamTransfers("id > ? and id <= ?", each, afterId, upToId);
  }

  private void streamTransfers(String where, Consumer<Transfer> each, Object... args) {
    jdbc.with(
        "reading transfers",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + TRANSFER_COLUMNS
                      + " from transfer where "
                      + where
                      + " order by id")) {
            ps.setFetchSize(10_000);
            Jdbc.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                each.accept(transfer(rs));
              }
            }
          }
          return null;
        });
  }

  /**
   * A transfer id handed out by the moment {@code at}: every transfer at or below it was inserted
   * by a transaction that started before {@code at}.
   */
  public record IdMark(long id, Instant at) {}

  /**
   * @return the highest transfer id handed out so far, and the database clock read after it
   */
  public IdMark idMark() {
    long id =
        jdbc.first(
                "select case when is_called then last_value else last_value - 1 end from transfer_id_seq",
                rs -> rs.getLong(1))
            .orElseThrow();
    Instant at =
        jdbc.first("select clock_timestamp() as at", rs -> Jdbc.instant(rs, "at")).orElseThrow();
    return new IdMark(id, at);
  }

  /** A transaction open on the database: its server process and when it started. */
  public record OpenTransaction(int pid, Instant started) {}

  /**
   * @return the oldest transaction still open on this database (other than the caller's), if any: a
   *     transfer it inserts may carry an id below those already visible
   */
  public Optional<OpenTransaction> oldestOpenTransaction() {
    return jdbc.first(
        "select pid, xact_start from pg_stat_activity where datname = current_database() "
            + "and backend_type = 'client backend' and pid <> pg_backend_pid() "
            + "and xact_start is not null and application_name <> ? order by xact_start limit 1",
        rs -> new OpenTransaction(rs.getInt("pid"), Jdbc.instant(rs, "xact_start")),
        READ_ONLY);
  }

  /**
   * Makes the caller's transaction read-only and says so to {@link #oldestOpenTransaction()}, which
   * then passes it by: it can commit no transfer. Call first in a long transaction that only reads
   * (a reconciliation), so reports since the first transfer are not held back by it.
   */
  public void readOnly() {
    jdbc.update("set transaction read only");
    jdbc.update("set local application_name = '" + READ_ONLY + "'");
  }

  /**
   * @return whether the bank's events ever moved minutes of the account
   */
  public boolean touchedBy(Account account, String nodeId) {
    return jdbc.exists(
        "select 1 from transfer where debit_account_id = ? and node_id = ? "
            + "union all select 1 from transfer where credit_account_id = ? and node_id = ? limit 1",
        account.id(),
        nodeId,
        account.id(),
        nodeId);
  }

  private static Balance balance(Account account, ResultSet rs) throws SQLException {
    return new Balance(
        account,
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getTimestamp(5).toInstant());
  }

  private static Transfer transfer(ResultSet rs) throws SQLException {
    return new Transfer(
        (UUID) rs.getObject("event_id"),
        Account.parse(rs.getString("debit_account_id")),
        Account.parse(rs.getString("credit_account_id")),
        rs.getLong("amount_minutes"),
        rs.getString("code"),
        rs.getString("node_id"),
        Jdbc.nullableLong(rs, "reverses_transfer_id"),
        rs.getLong("id"),
        Jdbc.instant(rs, "created_at"));
  }

  /** What one bank's events credited to and debited from an account. */
  public record BankShare(String nodeId, long credited, long debited) {}

  /**
   * @return an account's credits and debits per bank whose event moved them, by node id
   */
  public List<BankShare> byBank(Account account) {
    return jdbc.list(
        "select node_id, sum(case when credit_account_id = ? then amount_minutes else 0 end) as c,"
            + " sum(case when debit_account_id = ? then amount_minutes else 0 end) as d"
            + " from transfer where credit_account_id = ? or debit_account_id = ?"
            + " group by node_id order by node_id",
        rs -> new BankShare(rs.getString("node_id"), rs.getLong("c"), rs.getLong("d")),
        account.id(),
        account.id(),
        account.id(),
        account.id());
  }
}
