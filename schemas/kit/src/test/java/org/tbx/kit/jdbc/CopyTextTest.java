package org.tbx.kit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextTest {

  private static String row(Object... values) {
    StringBuilder out = new StringBuilder();
    CopyText.appendRow(out, values);
    return out.toString();
  }

  @Test
  void writesEachTypeAsPostgresReadsIt() {
    UUID id = UUID.fromString("0b6f3c1e-2f4a-4c1b-9d7e-3a2b1c0d9e8f");
    assertEquals(
        "42\t" + id + "\t\\\\x00ff10\t2026-11-28T09:00:00Z\t\\N\ttrue\n",
        row(42L, id, new byte[] {0, -1, 16}, Instant.parse("2026-11-28T09:00:00Z"), null, true));
  }

  @Test
  void escapesWhatWouldEndAFieldOrARow() {
    assertEquals("a\\tb\\nc\\rd\\\\e 时间\n", row("a\tb\nc\rd\\e 时间"), "tab, line ends, backslash");
    assertEquals("\\\\N\n", row("\\N"), "a text that reads like null stays text");
  }

  @Test
  void refusesATypeItCannotWrite() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> row(new Object()));
    assertEquals("COPY cannot write a java.lang.Object value", e.getMessage());
  }
}
