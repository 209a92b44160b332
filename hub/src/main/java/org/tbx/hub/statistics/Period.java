package org.tbx.hub.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A reporting period of whole UTC days, [{@code from}, {@code to}): the last 7, 30, 90 or 365 days
 * up to today, the one before it and the same days a year earlier.
 *
 * @param days how many days, one of {@link #CHOICES}
 */
public record Period(LocalDate from, LocalDate to, int days) {

  /** The periods a page offers, in days. */
  public static final int[] CHOICES = {7, 30, 90, 365};

  /**
   * @return the {@code days} days ending with {@code today}
   */
  public static Period lastDays(int days, LocalDate today) {
    LocalDate to = today.plusDays(1);
    return new Period(to.minusDays(days), to, days);
  }

  /**
   * Reads a period parameter such as {@code 30d}.
   *
   * @return empty when the text is not one of the offered periods
   */
  public static Optional<Period> parse(String text, LocalDate today) {
    if (text == null || !text.matches("[0-9]{1,3}d")) {
      return Optional.empty();
    }
    int days = Integer.parseInt(text.substring(0, text.length() - 1));
    for (int choice : CHOICES) {
      if (choice == days) {
        return Optional.of(lastDays(days, today));
      }
    }
    return Optional.empty();
  }

  /**
   * @return the period of the same length just before this one
   */
  public Period previous() {
    return new Period(from.minusDays(days), from, days);
  }

  /**
   * @return the same days one year earlier
   */
  public Period yearBefore() {
    return new Period(
        from.minusYears(1),
        to.minusYears(1),
        (int) ChronoUnit.DAYS.between(from.minusYears(1), to.minusYears(1)));
  }

  /**
   * @return the parameter that names this period, e.g. {@code 30d}
   */
  public String parameter() {
    return days + "d";
  }
}
