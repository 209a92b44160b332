package org.tbx.hub.rest;

import java.time.Instant;
import org.tbx.hub.ledger.Balance;

/**
 * A volunteer's balance as the hub's ledger holds it, in whole minutes.
 *
 * @param volunteerId the federation-wide volunteer id
 * @param balanceMinutes credits minus debits, posted
 * @param heldMinutes reserved for authorized redemptions not yet settled
 * @param availableMinutes what may still be redeemed, gifted or donated: balance minus held
 * @param creditedMinutes everything ever credited
 * @param debitedMinutes everything ever debited
 * @param updatedAt when the account last changed
 */
public record BalanceResponse(
    String volunteerId,
    long balanceMinutes,
    long heldMinutes,
    long availableMinutes,
    long creditedMinutes,
    long debitedMinutes,
    Instant updatedAt) {

  static BalanceResponse of(String volunteerId, Balance b) {
    return new BalanceResponse(
        volunteerId,
        b.posted(),
        b.debitsPending(),
        b.available(),
        b.creditsPosted(),
        b.debitsPosted(),
        b.updatedAt());
  }
}
