package org.tbx.protocol;

import java.time.LocalDate;

/**
 * Field rules of the protocol that both a bank's adapter and the hub check, as constants for
 * annotations.
 */
public final class FieldRules {

  /** A federation-wide volunteer id: letters, digits, dot, dash, underscore; 1 to 64 characters. */
  public static final String VOLUNTEER_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  /** A service category code: upper-case letters, digits and underscores, 2 to 32 characters. */
  public static final String SERVICE_CATEGORY = "[A-Z][A-Z0-9_]{1,31}";

  /**
   * A pseudonymous reference to a person (recipient, recorder, reviewer): never a name or an id
   * number.
   */
  public static final String PSEUDONYMOUS_REF = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

  /** Fewest minutes one service record may carry. */
  public static final int MIN_MINUTES = 1;

  /** At most this many references confirm one service ({@code evidence.confirmedBy}). */
  public static final int MAX_CONFIRMERS = 10;

  /** No birth date (a volunteer's, a beneficiary's) lies before this day. */
  public static final LocalDate OLDEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  /** Most minutes one service record may carry: one day. */
  public static final int MAX_MINUTES = 1440;

  private FieldRules() {}
}
