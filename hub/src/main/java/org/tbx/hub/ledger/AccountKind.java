package org.tbx.hub.ledger;

/** What an account stands for; its id's prefix says it. */
public enum AccountKind {
  /** Minutes a volunteer has earned or received: {@code volunteer:<id>}; credit balance. */
  VOLUNTEER,
  /**
   * Minutes a bank has issued to its volunteers, its liability: {@code bank:<node>:issued}; debit
   * balance.
   */
  BANK_ISSUED,
  /**
   * Minutes a bank honoured by delivering services paid with them: {@code bank:<node>:honoured}.
   */
  BANK_HONOURED,
  /** A public pool of donated or overflow minutes: {@code pool:<id>}; credit balance. */
  POOL,
  /**
   * Minutes a government or sponsor granted, backed by the grantor: {@code grant:<id>}; debit
   * balance.
   */
  GRANT
}
