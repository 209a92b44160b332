package org.tbx.hub.ledger;

/** What an account stands for. */
public enum AccountKind {
  /** Minutes a volunteer has earned or received; credit balance. */
  VOLUNTEER,
  /** Minutes a bank has issued to its volunteers: its liability; debit balance. */
  BANK_ISSUED,
  /** Minutes a bank has honoured by delivering services paid with them; credit balance. */
  BANK_HONOURED,
  /** A public pool of donated minutes; credit balance. */
  POOL,
  /** Minutes a government or sponsor granted: unearned, backed by the grantor; debit balance. */
  GRANT
}
