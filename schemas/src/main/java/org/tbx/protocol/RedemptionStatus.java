package org.tbx.protocol;

/**
 * Where a redemption stands, in the one vocabulary the hub and every adapter use (PROTOCOL.md
 * section 6).
 */
public enum RedemptionStatus {
  /** Sent by the bank; the hub has not answered yet (only a bank's side knows this state). */
  REQUESTED,
  /** The hub holds the minutes until the hold expires. */
  AUTHORIZED,
  /** The hub refused it, with a reason. */
  DECLINED,
  /** The care was given: the minutes used were posted, the rest released. */
  SETTLED,
  /** The bank cancelled it: the hold was released. */
  CANCELLED,
  /** Neither settled nor cancelled in time: the hold was released. */
  EXPIRED;

  /**
   * @return the status of an authorized redemption from the state of its hold (PENDING, POSTED,
   *     VOIDED, EXPIRED)
   */
  public static RedemptionStatus ofHold(String holdState) {
    return switch (holdState) {
      case "PENDING" -> AUTHORIZED;
      case "POSTED" -> SETTLED;
      case "VOIDED" -> CANCELLED;
      case "EXPIRED" -> EXPIRED;
      default -> throw new IllegalArgumentException("no hold state " + holdState);
    };
  }
}
