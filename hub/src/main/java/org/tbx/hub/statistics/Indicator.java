package org.tbx.hub.statistics;

/**
 * One number of the federation with what it is compared to; its definition is the message {@code
 * def.<key>} (hub README "Statistics").
 *
 * @param key e.g. {@code minutes_deposited}
 * @param unit {@code people}, {@code minutes}, {@code permille}, {@code banks}, {@code records} or
 *     {@code seconds}
 * @param value the number, null when there is nothing to measure (e.g. coverage with nothing
 *     outstanding)
 * @param previous the same number for the period before, null when it has no period
 * @param yearBefore the same number for the same days a year earlier, null when it has no period
 */
public record Indicator(String key, String unit, Long value, Long previous, Long yearBefore) {

  /** An indicator of a moment, not of a period. */
  public static Indicator now(String key, String unit, Long value) {
    return new Indicator(key, unit, value, null, null);
  }

  /**
   * @return the change against the previous period in per mille, null when not comparable
   */
  public Long changePermille() {
    return change(previous);
  }

  /**
   * @return the year-on-year change in per mille, null when not comparable
   */
  public Long yearOnYearPermille() {
    return change(yearBefore);
  }

  private Long change(Long before) {
    if (value == null || before == null || before == 0) {
      return null;
    }
    return (value - before) * 1000 / before;
  }
}
