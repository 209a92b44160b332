package org.tbx.protocol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.rules.Honour.Movement;

class HonourTest {

  private static final List<Honour> V3 = Rulebooks.version(3).orElseThrow().honours();
  private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

  private static Instant day(int n) {
    return T0.plusSeconds(86_400L * n);
  }

  @Test
  void anHonourIsHeldFromTheServiceThatReachedItsHours() {
    List<Honour.Held> held =
        Honour.held(
            V3,
            List.of(
                new Movement(day(2), 40 * 60),
                new Movement(day(1), 50 * 60),
                new Movement(day(3), 20 * 60)));
    assertEquals(1, held.size());
    assertEquals("STAR_1", held.get(0).honour().code());
    assertEquals(day(3), held.get(0).reachedAt(), "50 + 40 + 20 hours: the third service");
  }

  @Test
  void aReversalBelowTheThresholdLosesItUntilServiceReachesItAgain() {
    List<Movement> moves =
        List.of(
            new Movement(day(1), 100 * 60),
            new Movement(day(2), -10 * 60),
            new Movement(day(3), 5 * 60));
    assertEquals(List.of(), Honour.held(V3, moves));
    List<Movement> again =
        List.of(
            new Movement(day(1), 100 * 60),
            new Movement(day(2), -10 * 60),
            new Movement(day(3), 10 * 60));
    assertEquals(day(3), Honour.held(V3, again).get(0).reachedAt());
  }

  @Test
  void theRulebookHasFiveStarsAndNoEarlierVersionHasAny() {
    assertEquals(List.of(100, 300, 500, 1000, 1500), V3.stream().map(Honour::hoursServed).toList());
    assertEquals(List.of(), Rulebooks.version(2).orElseThrow().honours());
    assertThrows(IllegalArgumentException.class, () -> new Honour("X", "x", "x", 0));
  }
}
