package org.tbx.hub.ledger;

import java.util.UUID;

/**
 * Minutes of one service category an event deposited or redeemed, for the daily totals by category
 * ({@code service_daily}); buffered and undone with the event's transfers.
 *
 * @param eventId the event that moved them
 * @param nodeId the bank whose event it was
 * @param category the rulebook's service category
 * @param minutes strictly positive
 */
public record ServiceTally(UUID eventId, String nodeId, String category, Flow flow, long minutes) {

  /** Which way the minutes went. */
  public enum Flow {
    /** Credited to a volunteer for a service they gave. */
    DEPOSITED,
    /** Spent on a service a bank gave. */
    REDEEMED
  }
}
