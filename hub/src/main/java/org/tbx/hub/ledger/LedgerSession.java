package org.tbx.hub.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger as one poll's transaction sees it. Transfers are buffered and posted set-based. An
 * account is locked once per transaction and its balance then kept here, moved by every later
 * posting and reservation, so a debit's balance check does not post the buffer; reading an event's
 * transfers posts it first, so no caller has to remember to. It also remembers what each event
 * posted, in posting order, for the event's log leaf.
 */
public final class LedgerSession {

  private final LedgerStore repository;
  private final List<Transfer> buffered = new ArrayList<>();
  private final List<ServiceTally> tallies = new ArrayList<>();
  private final Map<UUID, List<Transfer>> postedBy = new LinkedHashMap<>();

  /**
   * Accounts locked in this transaction, with their balance as if the buffer were posted: {posted
   * debits, posted credits, pending debits, pending credits}.
   */
  private final Map<Account, long[]> locked = new HashMap<>();

  /** Accounts opened in this transaction, for the holds that refer to them. */
  private final Set<Account> opened = new HashSet<>();

  /** Reservations and releases not yet written: per account, {debits pending, credits pending}. */
  private final Map<Account, long[]> pending = new HashMap<>();

  public LedgerSession(LedgerStore repository) {
    this.repository = repository;
  }

  /** Buffers a transfer; it is posted before the next read and at the end of the transaction. */
  public void post(Transfer transfer) {
    buffered.add(transfer);
    move(transfer.debit(), 0, transfer.amountMinutes());
    move(transfer.credit(), 1, transfer.amountMinutes());
    postedBy.computeIfAbsent(transfer.eventId(), k -> new ArrayList<>()).add(transfer);
  }

  /**
   * Buffers minutes for the daily totals by service category; they are written with the transfers
   * and forgotten with them.
   */
  public void tally(ServiceTally tally) {
    tallies.add(tally);
  }

  /**
   * Locks an account row for the transaction, the first time it is asked for, and reads its totals
   * as they stand with this transaction's postings and reservations, buffered or not.
   *
   * @return empty when the account has never been posted to nor reserved for
   */
  public Optional<Balance> lock(Account account) {
    long[] totals = locked.get(account);
    if (totals == null) {
      Optional<Balance> row = repository.lock(account);
      if (row.isEmpty()
          && (pending.containsKey(account)
              || buffered.stream().anyMatch(t -> touches(t, account)))) {
        // First posted to in this transaction: post the buffer, so there is a row to lock.
        flush();
        row = repository.lock(account);
      }
      if (row.isEmpty()) {
        return Optional.empty();
      }
      Balance b = row.get();
      totals =
          new long[] {b.debitsPosted(), b.creditsPosted(), b.debitsPending(), b.creditsPending()};
      for (Transfer t : buffered) {
        if (touches(t, account)) {
          totals[t.debit().equals(account) ? 0 : 1] += t.amountMinutes();
        }
      }
      long[] reserved = pending.get(account);
      if (reserved != null) {
        totals[2] += reserved[0];
        totals[3] += reserved[1];
      }
      locked.put(account, totals);
    }
    return Optional.of(new Balance(account, totals[0], totals[1], totals[2], totals[3], null));
  }

  private static boolean touches(Transfer t, Account account) {
    return t.debit().equals(account) || t.credit().equals(account);
  }

  /**
   * @return what the account may still spend, its row locked; 0 for an account never posted to
   */
  public long available(Account account) {
    return lock(account).map(Balance::available).orElse(0L);
  }

  /**
   * Reserves minutes of a locked account for another (a hold); the credited account's row exists at
   * once (a hold refers to it), the amounts are written with the next flush.
   */
  public void reserve(Account debit, Account credit, long amount) {
    if (opened.add(credit)) {
      repository.open(credit);
    }
    pending.computeIfAbsent(debit, k -> new long[2])[0] += amount;
    pending.computeIfAbsent(credit, k -> new long[2])[1] += amount;
    move(debit, 2, amount);
    move(credit, 3, amount);
  }

  /** Releases a reservation made by {@link #reserve}. */
  public void release(Account debit, Account credit, long amount) {
    pending.computeIfAbsent(debit, k -> new long[2])[0] -= amount;
    pending.computeIfAbsent(credit, k -> new long[2])[1] -= amount;
    move(debit, 2, -amount);
    move(credit, 3, -amount);
  }

  /** Moves one of the totals of an account locked in this transaction; others are read later. */
  private void move(Account account, int total, long amount) {
    long[] totals = locked.get(account);
    if (totals != null) {
      totals[total] += amount;
    }
  }

  /**
   * @return the transfers an event posted (earlier in this transaction included), in posting order
   */
  public List<Transfer> transfersOf(UUID eventId) {
    flush();
    return repository.transfersOf(eventId);
  }

  /**
   * @return whether a posted transfer has been reversed already
   */
  public boolean isReversed(long transferId) {
    flush();
    return repository.isReversed(transferId);
  }

  /** Posts everything buffered. */
  public void flush() {
    if (!buffered.isEmpty()) {
      repository.post(buffered);
      buffered.clear();
    }
    if (!tallies.isEmpty()) {
      repository.tally(tallies);
      tallies.clear();
    }
    if (!pending.isEmpty()) {
      repository.pending(pending);
      pending.clear();
    }
  }

  /**
   * @return the transfers an event posted in this transaction, in posting order
   */
  public List<Transfer> postedBy(UUID eventId) {
    return postedBy.getOrDefault(eventId, List.of());
  }

  /**
   * Forgets what an event posted, after its changes were rolled back to a savepoint taken with an
   * empty buffer (the caller flushes before the savepoint).
   */
  public void forget(UUID eventId) {
    // The rollback released the rows locked after the savepoint and undid the event's
    // reservations: read every balance from the database again.
    locked.clear();
    pending.clear();
    opened.clear();
    buffered.removeIf(t -> t.eventId().equals(eventId));
    tallies.removeIf(t -> t.eventId().equals(eventId));
    postedBy.remove(eventId);
  }
}
