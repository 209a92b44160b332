package org.tbx.hub.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The public page's small-cell rule and the reporting periods. */
class SmallCellsTest {

  @Test
  void rowsOfFewerThanTenPeopleAreHidden() {
    assertEquals(
        Set.of("a", "b"), SmallCells.hidden(Map.of("a", 3L, "b", 9L, "c", 10L, "d", 400L)));
  }

  @Test
  void aSingleHiddenRowTakesTheNextSmallestWithItSoTheTotalDoesNotGiveItAway() {
    Map<String, Long> people = new LinkedHashMap<>();
    people.put("guangxi", 4L);
    people.put("beijing", 500L);
    people.put("gansu", 12L);
    people.put("hainan", 30L);
    assertEquals(Set.of("guangxi", "gansu"), SmallCells.hidden(people));
  }

  @Test
  void nothingIsShownWhenAllTogetherAreFewerThanTen() {
    assertEquals(Set.of("a", "b"), SmallCells.hidden(Map.of("a", 4L, "b", 5L)));
    assertFalse(SmallCells.showable(9));
    assertTrue(SmallCells.showable(10));
  }

  @Test
  void noRowIsHiddenWhenEveryRowIsLargeEnough() {
    assertTrue(SmallCells.hidden(Map.of("a", 10L, "b", 11L)).isEmpty());
  }

  @Test
  void periodsAreTheOfferedDayCountsEndingToday() {
    LocalDate today = LocalDate.of(2026, 12, 1);
    Period p = Period.parse("30d", today).orElseThrow();
    assertEquals(LocalDate.of(2026, 11, 2), p.from());
    assertEquals(LocalDate.of(2026, 12, 2), p.to());
    assertEquals(LocalDate.of(2026, 10, 3), p.previous().from());
    assertEquals(p.from(), p.previous().to());
    assertEquals(LocalDate.of(2025, 11, 2), p.yearBefore().from());
    assertTrue(Period.parse("31d", today).isEmpty());
    assertTrue(Period.parse("30", today).isEmpty());
    assertTrue(Period.parse("'; drop", today).isEmpty());
  }

  @Test
  void changesAreInPerMilleAndAbsentWithNothingToCompare() {
    assertEquals(500L, new Indicator("k", "minutes", 150L, 100L, 0L).changePermille());
    assertEquals(null, new Indicator("k", "minutes", 150L, 100L, 0L).yearOnYearPermille());
    assertEquals(-250L, new Indicator("k", "minutes", 75L, 100L, null).changePermille());
  }
}
