package org.tbx.hub.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger in memory, for unit tests of handlers: the same totals and checks as the database's.
 */
public final class MemoryLedger implements LedgerStore {

  private final Map<String, long[]> accounts = new HashMap<>();
  private final List<Transfer> posted = new ArrayList<>();
  private final List<ServiceTally> tallied = new ArrayList<>();

  @Override
  public void post(List<Transfer> transfers) {
    for (Transfer t : transfers) {
      long[] debit = accounts.computeIfAbsent(t.debit().id(), k -> new long[4]);
      long[] credit = accounts.computeIfAbsent(t.credit().id(), k -> new long[4]);
      debit[0] += t.amountMinutes();
      credit[1] += t.amountMinutes();
      posted.add(
          new Transfer(
              t.eventId(),
              t.debit(),
              t.credit(),
              t.amountMinutes(),
              t.code(),
              t.nodeId(),
              t.reversesTransferId(),
              (long) posted.size() + 1,
              Instant.EPOCH));
    }
  }

  @Override
  public void tally(List<ServiceTally> tallies) {
    tallied.addAll(tallies);
  }

  /**
   * @return the minutes tallied by category, in order
   */
  public List<ServiceTally> tallied() {
    return List.copyOf(tallied);
  }

  @Override
  public Optional<Balance> lock(Account account) {
    long[] a = accounts.get(account.id());
    return a == null
        ? Optional.empty()
        : Optional.of(new Balance(account, a[0], a[1], a[2], a[3], Instant.EPOCH));
  }

  @Override
  public void open(Account account) {
    accounts.computeIfAbsent(account.id(), k -> new long[4]);
  }

  @Override
  public void pending(Map<Account, long[]> moves) {
    moves.forEach(
        (account, m) -> {
          long[] a = accounts.computeIfAbsent(account.id(), k -> new long[4]);
          a[2] += m[0];
          a[3] += m[1];
          if (a[2] < 0 || a[3] < 0) {
            throw new IllegalStateException("a pending amount went below zero");
          }
        });
  }

  @Override
  public List<Transfer> transfersOf(UUID eventId) {
    return posted.stream().filter(t -> t.eventId().equals(eventId)).toList();
  }

  @Override
  public boolean isReversed(long transferId) {
    return posted.stream().anyMatch(t -> Long.valueOf(transferId).equals(t.reversesTransferId()));
  }

  /**
   * @return every posted transfer, in order
   */
  public List<Transfer> posted() {
    return List.copyOf(posted);
  }

  /**
   * @return an account's posted balance (credits minus debits)
   */
  public long posted(Account account) {
    long[] a = accounts.getOrDefault(account.id(), new long[4]);
    return a[1] - a[0];
  }

  /**
   * @return an account's pending debits
   */
  public long held(Account account) {
    return accounts.getOrDefault(account.id(), new long[4])[2];
  }
}
