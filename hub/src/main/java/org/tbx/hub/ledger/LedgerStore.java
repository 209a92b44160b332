package org.tbx.hub.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a {@link LedgerSession} posts and reads: the database ({@link LedgerRepository}), or memory
 * in unit tests.
 */
public interface LedgerStore {

  /** Posts transfers in the caller's transaction, in the order given. */
  void post(List<Transfer> transfers);

  /** Adds minutes to the daily totals by service category, in the caller's transaction. */
  void tally(List<ServiceTally> tallies);

  /**
   * @return the account's totals, its row locked for the caller's transaction; empty when never
   *     posted to
   */
  Optional<Balance> lock(Account account);

  /** Opens the account (a row with nothing on it) unless it exists, in the caller's transaction. */
  void open(Account account);

  /**
   * Moves pending amounts in the caller's transaction: per account, {debits pending, credits
   * pending} to add (a release adds negative amounts).
   */
  void pending(Map<Account, long[]> moves);

  /**
   * @return the transfers an event posted, in posting order, with their ids
   */
  List<Transfer> transfersOf(UUID eventId);

  /**
   * @return whether a transfer has been reversed already
   */
  boolean isReversed(long transferId);
}
