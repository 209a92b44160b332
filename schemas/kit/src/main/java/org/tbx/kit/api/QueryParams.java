package org.tbx.kit.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads query parameters as text, so a value of the wrong type is answered with a 400 naming the
 * parameter (JAX-RS answers a bare 404 for a query parameter it cannot convert).
 */
public final class QueryParams {

  private QueryParams() {}

  /**
   * @return the parameter as a whole number within {@code min..max}, or {@code absent} when not
   *     given
   */
  public static int integer(String name, String value, int absent, int min, int max) {
    return Math.toIntExact(longInteger(name, value, absent, min, max));
  }

  /**
   * @return the parameter as a whole number within {@code min..max}, or {@code absent} when not
   *     given
   */
  public static long longInteger(String name, String value, long absent, long min, long max) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(
        name,
        "INVALID_FIELD",
        "must be a whole number within " + min + ".." + max + ", was " + value);
  }

  /**
   * @return the parameter as true or false, or {@code absent} when not given
   */
  public static boolean bool(String name, String value, boolean absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.invalid(name, "INVALID_FIELD", "must be true or false, was " + value);
  }

  /** The earliest instant a query may name. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /** The latest instant a query may name. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * @return the parameter as an ISO-8601 instant within 1970..9999, or {@code absent} when not
   *     given
   */
  public static Instant instant(String name, String value, Instant absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          name,
          "INVALID_FIELD",
          "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was " + value);
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.invalid(
          name, "INVALID_FIELD", "must lie within " + EARLIEST + ".." + LATEST + ", was " + value);
    }
    return instant;
  }

  /**
   * @return the parameter when given, else {@code absent}; refuses a value not matching {@code
   *     pattern}
   */
  public static String matching(String name, String value, String pattern, String absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    if (!value.matches(pattern)) {
      throw ApiException.invalid(name, "INVALID_FIELD", "must match " + pattern + ", was " + value);
    }
    return value;
  }
}
