package org.tbx.hub.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger as one poll's transaction sees it. Transfers are buffered and posted set-based;
 * anything that reads the ledger (locking an account, reading an event's transfers) posts the
 * buffer first, so no caller has to remember to. It also remembers what each event posted, in
 * posting order, for the event's log leaf.
 */
public final class LedgerSession {

  private final LedgerStore repository;
  private final List<Transfer> buffered = new ArrayList<>();
  private final List<ServiceTally> tallies = new ArrayList<>();
  private final Map<UUID, List<Transfer>> postedBy = new LinkedHashMap<>();

  public LedgerSession(LedgerStore repository) {
    this.repository = repository;
  }

  /** Buffers a transfer; it is posted before the next read and at the end of the transaction. */
  public void post(Transfer transfer) {
    buffered.add(transfer);
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
   * Posts the buffer, then locks an account row and reads its totals.
   *
   * @return empty when the account has never been posted to
   */
  public Optional<Balance> lock(Account account) {
    flush();
    return repository.lock(account);
  }

  /**
   * @return what the account may still spend, its row locked; 0 for an account never posted to
   */
  public long available(Account account) {
    return lock(account).map(Balance::available).orElse(0L);
  }

  /** Reserves minutes of a locked account for another (a hold). */
  public void reserve(Account debit, Account credit, long amount) {
    flush();
    repository.pending(debit, credit, amount);
  }

  /** Releases a reservation made by {@link #reserve}. */
  public void release(Account debit, Account credit, long amount) {
    flush();
    repository.pending(debit, credit, -amount);
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
    buffered.removeIf(t -> t.eventId().equals(eventId));
    tallies.removeIf(t -> t.eventId().equals(eventId));
    postedBy.remove(eventId);
  }
}
