package org.tbx.hub.rest;

import java.time.OffsetDateTime;

/**
 * A volunteer's balance as the hub's ledger holds it, in whole minutes.
 *
 * @param volunteerId the federation-wide volunteer id
 * @param balanceMinutes credits minus debits
 * @param creditedMinutes everything ever credited
 * @param debitedMinutes everything ever debited
 * @param updatedAt when the account last changed
 */
public record BalanceResponse(
    String volunteerId, long balanceMinutes, long creditedMinutes, long debitedMinutes, OffsetDateTime updatedAt) {}
