package org.tbx.node.rest;

/**
 * Reads query parameters as text, so a value of the wrong type is answered with a 400 naming the parameter
 * (JAX-RS would answer a bare 404 for an unconvertible query parameter).
 */
final class QueryParams {

  private QueryParams() {}

  static int integer(String name, String value, int absent, int min, int max) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidFieldException(name, "INVALID_FIELD", "must be a whole number within " + min + ".." + max
        + ", was " + value);
  }

  static boolean bool(String name, String value, boolean absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new InvalidFieldException(name, "INVALID_FIELD", "must be true or false, was " + value);
  }
}
