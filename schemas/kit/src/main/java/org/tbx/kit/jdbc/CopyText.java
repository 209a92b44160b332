package org.tbx.kit.jdbc;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** PostgreSQL's COPY text format: one line per row, tab between columns, {@code \N} for null. */
final class CopyText {

  private static final HexFormat HEX = HexFormat.of();

  private CopyText() {}

  /** Appends one row of values, typed as {@link Jdbc#copy} documents, and its line end. */
  static void appendRow(StringBuilder out, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      appendValue(out, values[i]);
    }
    out.append('\n');
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof Number || value instanceof UUID || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof byte[] bytes) {
      // bytea's hex input "\x..." with its backslash escaped for COPY
      out.append("\\\\x").append(HEX.formatHex(bytes));
    } else if (value instanceof Instant instant) {
      out.append(instant);
    } else if (value instanceof String text) {
      appendText(out, text);
    } else {
      throw new IllegalArgumentException(
          "COPY cannot write a " + value.getClass().getName() + " value");
    }
  }

  private static void appendText(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}
