package org.tbx.hub.ledger;

import java.time.Instant;

/**
 * An account's totals.
 *
 * @param debitsPending minutes reserved by holds and not yet settled
 * @param updatedAt when the account last changed
 */
public record Balance(
    Account account,
    long debitsPosted,
    long creditsPosted,
    long debitsPending,
    long creditsPending,
    Instant updatedAt) {

  /**
   * @return credits minus debits, posted
   */
  public long posted() {
    return creditsPosted - debitsPosted;
  }

  /**
   * @return what may still be reserved or spent: the posted balance minus pending debits
   */
  public long available() {
    return posted() - debitsPending;
  }
}
