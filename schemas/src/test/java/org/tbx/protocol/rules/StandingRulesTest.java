package org.tbx.protocol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.rules.StandingRules.FactorName;
import org.tbx.protocol.rules.StandingRules.Inputs;
import org.tbx.protocol.rules.StandingRules.Rating;
import org.tbx.protocol.v1.RaterRole;

/** The standing formula on examples computed by hand from rulebook 3's weights. */
class StandingRulesTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 3, 15);
  private static final StandingRules V3 = Rulebooks.version(3).orElseThrow().standing();

  private static Map<FactorName, Long> points(StandingRules.Standing s) {
    return s.factors().stream()
        .collect(Collectors.toMap(StandingRules.Factor::factor, StandingRules.Factor::points));
  }

  @Test
  void aNewcomerHasTheBaseAndNothingElse() {
    StandingRules.Standing s =
        V3.standing(new Inputs(0, Set.of(), null, List.of(), List.of()), TODAY);
    assertEquals(500, s.score());
    assertEquals(
        Map.of(
            FactorName.BASE, 500L,
            FactorName.HOURS_SERVED, 0L,
            FactorName.REGULARITY, 0L,
            FactorName.TENURE, 0L,
            FactorName.RATINGS, 0L,
            FactorName.REVERSALS, 0L,
            FactorName.ABSENCES, 0L,
            FactorName.SERVICE_DISPUTES, 0L),
        points(s));
    assertNull(s.factors().get(0).input());
  }

  @Test
  void eachFactorAddsWhatTheRulebookSays() {
    // 1,000 minutes = 16 full hours -> 32; months 2026-04 .. 2027-03 are the window: 2026-03 is
    // out, so 3 active months -> 30; enrolled 2025-03-16 -> 1 full year -> 20; ratings: recipient
    // 5 stars (+20), organiser 4 stars (+10), recipient 1 star 400 days ago (-20 x 0.5 = -10),
    // a volunteer's own rating counts nothing -> +20; one fresh reversal -30 and one old one -15.
    Inputs in =
        new Inputs(
            1_000,
            Set.of(
                YearMonth.of(2026, 3),
                YearMonth.of(2026, 4),
                YearMonth.of(2027, 1),
                YearMonth.of(2027, 3)),
            LocalDate.of(2025, 3, 16),
            List.of(
                new Rating(RaterRole.RECIPIENT, 5, TODAY.minusDays(3)),
                new Rating(RaterRole.ORGANISER, 4, TODAY.minusDays(30)),
                new Rating(RaterRole.RECIPIENT, 1, TODAY.minusDays(400)),
                new Rating(RaterRole.VOLUNTEER, 1, TODAY.minusDays(1))),
            List.of(TODAY.minusDays(10), TODAY.minusDays(366)));
    StandingRules.Standing s = V3.standing(in, TODAY);
    Map<FactorName, Long> p = points(s);
    assertEquals(32, p.get(FactorName.HOURS_SERVED));
    assertEquals(30, p.get(FactorName.REGULARITY));
    assertEquals(20, p.get(FactorName.TENURE));
    assertEquals(20, p.get(FactorName.RATINGS));
    assertEquals(-45, p.get(FactorName.REVERSALS));
    assertEquals(500 + 32 + 30 + 20 + 20 - 45, s.score());
    assertEquals("1000 minutes of credited service (16 full hours)", s.factors().get(1).input());
    assertEquals(
        "3 of the months 2026-04 to 2027-03 had a credited service", s.factors().get(2).input());
  }

  @Test
  void capsHoldEachFactorAndTheScoreStaysWithinMinAndMax() {
    Inputs veteran =
        new Inputs(
            600 * 60,
            Set.of(YearMonth.of(2027, 3)),
            LocalDate.of(2015, 1, 1),
            java.util.Collections.nCopies(40, new Rating(RaterRole.RECIPIENT, 5, TODAY)),
            List.of());
    Map<FactorName, Long> p = points(V3.standing(veteran, TODAY));
    assertEquals(200, p.get(FactorName.HOURS_SERVED));
    assertEquals(100, p.get(FactorName.TENURE));
    assertEquals(150, p.get(FactorName.RATINGS));

    Inputs troubled =
        new Inputs(
            0,
            Set.of(),
            null,
            java.util.Collections.nCopies(40, new Rating(RaterRole.ORGANISER, 1, TODAY)),
            java.util.Collections.nCopies(20, TODAY));
    StandingRules.Standing s = V3.standing(troubled, TODAY);
    assertEquals(-150, points(s).get(FactorName.RATINGS));
    assertEquals(-600, points(s).get(FactorName.REVERSALS));
    assertEquals(0, s.score(), "500 - 150 - 600 is held at the minimum");
  }

  @Test
  void newWeightsInALaterVersionChangeTheScoreOfTheSamePast() {
    Inputs in =
        new Inputs(
            600,
            Set.of(YearMonth.of(2027, 3)),
            null,
            List.of(new Rating(RaterRole.RECIPIENT, 5, TODAY)),
            List.of());
    StandingRules heavierRatings =
        new StandingRules(
            500,
            0,
            1000,
            2,
            200,
            12,
            10,
            20,
            100,
            Map.of(RaterRole.RECIPIENT, 25),
            150,
            -30,
            365,
            500,
            0,
            0,
            0);
    assertEquals(500 + 20 + 10 + 20, V3.standing(in, TODAY).score());
    assertEquals(500 + 20 + 10 + 50, heavierRatings.standing(in, TODAY).score());
  }

  @Test
  void fromRulebookFourNoShowsLateCancellationsAndUpheldDisputesCostPointsAndDecayAfterAYear() {
    // 2 no-shows (one fresh -20, one 400 days old -10), a late cancellation -10, an upheld
    // dispute of a service record -50 and an old one -25; rulebook 3 counts none of them.
    Inputs in =
        new Inputs(
            0,
            Set.of(),
            null,
            List.of(),
            List.of(),
            List.of(
                new StandingRules.Absence(StandingRules.AbsenceKind.NO_SHOW, TODAY.minusDays(2)),
                new StandingRules.Absence(StandingRules.AbsenceKind.NO_SHOW, TODAY.minusDays(400)),
                new StandingRules.Absence(
                    StandingRules.AbsenceKind.LATE_CANCELLATION, TODAY.minusDays(5))),
            List.of(TODAY, TODAY.minusDays(366)));
    StandingRules v4 = Rulebooks.version(4).orElseThrow().standing();
    StandingRules.Standing s = v4.standing(in, TODAY);
    Map<FactorName, Long> p = points(s);
    assertEquals(-40, p.get(FactorName.ABSENCES));
    assertEquals(-75, p.get(FactorName.SERVICE_DISPUTES));
    assertEquals(500 - 40 - 75, s.score());
    assertEquals(
        "2 no-shows and 1 late cancellations reported by banks", s.factors().get(6).input());
    assertEquals("2 service records found wrong on a dispute", s.factors().get(7).input());
    assertEquals(
        "-20 per no-show, -10 per late cancellation, 500/1000 of it after 365 days",
        s.factors().get(6).rule());

    StandingRules.Standing before = V3.standing(in, TODAY);
    assertEquals(500, before.score());
    assertEquals(0, points(before).get(FactorName.ABSENCES));
  }

  @Test
  void aRulebookWhoseBaseIsOutsideItsRangeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new StandingRules(
                1200, 0, 1000, 2, 200, 12, 10, 20, 100, Map.of(), 150, -30, 365, 500, 0, 0, 0));
  }
}
