package org.tbx.hub.ledger;

/** What an account stands for. */
public enum AccountKind {
  /** Minutes a volunteer has earned or received; credit balance. */
  VOLUNTEER,
  /** Minutes a bank has issued to its volunteers; the bank's liability, debit balance. */
  BANK_ISSUED
}
