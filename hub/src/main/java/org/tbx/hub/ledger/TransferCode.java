package org.tbx.hub.ledger;

/**
 * Why a transfer moved minutes; the code word of a log leaf's transfer line (PROTOCOL.md section
 * 12).
 */
public enum TransferCode {
  /** A deposit: debit {@code bank:<node>:issued}, credit the volunteer. */
  SERVICE_RECORDED,
  /**
   * The part of a deposit above the lifetime cap: debit the bank's issue, credit the rulebook's
   * pool.
   */
  CAP_OVERFLOW,
  /** A settled redemption: debit the volunteer, credit {@code bank:<node>:honoured}. */
  REDEMPTION_SETTLED,
  /** A gift: debit the volunteer, credit the relative. */
  HOURS_GIFTED,
  /** A donation: debit the volunteer, credit a pool. */
  HOURS_DONATED,
  /** A grant: debit {@code grant:<grantor>}, credit the volunteer. */
  GRANT_ISSUED,
  /** An allocation: debit a pool, credit the volunteer. */
  POOL_ALLOCATED,
  /** A correction: the opposite of an earlier transfer, pointing at it. */
  REVERSAL,
  /**
   * An upheld dispute of a debit: the minutes go back to the volunteer from the debiting bank's
   * issue, at its cost (event of the hub, node {@code hub}).
   */
  DISPUTE_UPHELD,
  /**
   * An upheld dispute of a service record: the opposite of the deposit's transfers, pointing at
   * them, at the recording bank's cost (event of the hub, node {@code hub}).
   */
  SERVICE_DISPUTE_UPHELD,
  /**
   * A benefit redeemed for hours: debit the volunteer, credit {@code bank:<node>:honoured} of the
   * bank that offers it (an event of the hub, with the volunteer's consent).
   */
  BENEFIT_REDEEMED
}
