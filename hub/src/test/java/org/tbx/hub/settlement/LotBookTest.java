package org.tbx.hub.settlement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Minutes keep their issuer: spent oldest first, moved whole, reversed newest first. */
class LotBookTest {

  @Test
  void spendsTheOldestLotsFirst() {
    LotBook lots = new LotBook();
    lots.issue("v", "guilin", 60);
    lots.issue("v", "beihai", 60);
    List<LotBook.Lot> spent = lots.take("v", 90);
    assertEquals("guilin", spent.get(0).issuer);
    assertEquals(60, spent.get(0).minutes);
    assertEquals("beihai", spent.get(1).issuer);
    assertEquals(30, spent.get(1).minutes);
    assertEquals(Map.of("beihai", 30L), lots.outstanding());
  }

  @Test
  void aGiftMovesLotsWithTheirIssuerAndAReversalTakesTheIssuersNewestBack() {
    LotBook lots = new LotBook();
    lots.issue("v", "guilin", 60);
    lots.issue("v", "beihai", 20);
    lots.issue("v", "guilin", 15);
    lots.move("v", "w", 70);
    assertEquals("guilin", lots.take("w", 60).get(0).issuer);
    lots.takeBack("v", "guilin", 15);
    // left: 10 beihai minutes with v, 10 with w; guilin's 15 newest were taken back, its 60 spent
    // by w
    assertEquals(Map.of("beihai", 20L), lots.outstanding());
  }

  @Test
  void unredeemedMinutesAreAgedByWholeYearsSinceTheirIssueWhereverTheyMoved() {
    LotBook lots = new LotBook();
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    lots.issue("v", "guilin", 100, Instant.parse("2020-06-01T00:00:00Z")); // 6 years
    lots.issue("v", "guilin", 50, Instant.parse("2022-12-01T00:00:00Z")); // 4 years
    lots.issue("v", "beihai", 30, Instant.parse("2024-12-02T00:00:00Z")); // 1 year, 364 days
    lots.issue("w", "beihai", 20, Instant.parse("2026-01-01T00:00:00Z")); // 11 months
    lots.take("v", 60); // spends 60 of the oldest lot
    lots.move("v", "w", 40); // the rest of it moves, still six years old
    assertArrayEquals(new long[] {20, 30, 50, 40}, lots.ageing(now));
  }

  @Test
  void lotsOfOneIssuerOnOneDayAreOneLotAndSpendAsBefore() {
    LotBook lots = new LotBook();
    Instant morning = Instant.parse("2026-12-01T08:00:00Z");
    Instant evening = Instant.parse("2026-12-01T20:00:00Z");
    lots.issue("v", "guilin", 30, morning);
    lots.issue("v", "guilin", 45, evening);
    lots.issue("v", "beihai", 10, evening);
    lots.issue("v", "guilin", 5, Instant.parse("2026-12-02T08:00:00Z"));
    List<LotBook.Lot> spent = lots.take("v", 80);
    assertEquals(List.of("guilin:75", "beihai:5"), spent.stream().map(Object::toString).toList());
    lots.takeBack("v", "guilin", 5);
    assertEquals(Map.of("beihai", 5L), lots.outstanding());
    lots.move("v", "w", 5);
    lots.issue("w", "beihai", 7, morning);
    assertEquals(List.of("beihai:12"), lots.take("w", 100).stream().map(Object::toString).toList());
  }

  @Test
  void coverageNeverOverflows() {
    assertEquals(333, SettlementService.coveragePermille(10, 30));
    assertEquals(
        Integer.MAX_VALUE, SettlementService.coveragePermille(9_000_000_000_000_000_000L, 1));
  }
}
