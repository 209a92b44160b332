package org.tbx.protocol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.Relation;

class RulebookTest {

  private final Rulebook rules = Rulebooks.version(1).orElseThrow();

  @Test
  void theFirstRulebookIsPublishedAndTheFifthIsTheNewest() {
    assertEquals(6, Rulebooks.current().version());
    assertEquals("MINUTE", rules.unit());
    assertEquals("助餐", rules.category("MEAL_ASSIST").orElseThrow().nameZh());
    assertEquals(12, rules.categories().size());
  }

  @Test
  void theSecondNeedsConsentForEveryDebitAndLetsDebitsBeDisputedForNinetyDays() {
    Rulebook second = Rulebooks.version(2).orElseThrow();
    assertTrue(second.consentRequired(1));
    assertTrue(second.giftConsentRequired(1));
    assertEquals(90, second.consent().disputeWindowDays());
    assertFalse(rules.consentRequired(1_000_000), "version 1 knew no consent");
  }

  @Test
  void theThirdRequiresEnrollmentBeforeADepositScoresStandingAndKeepsTheSecondsOtherRules() {
    Rulebook second = Rulebooks.version(2).orElseThrow();
    Rulebook third = Rulebooks.version(3).orElseThrow();
    assertTrue(third.enrollmentRequiredForDeposit());
    assertFalse(second.enrollmentRequiredForDeposit());
    assertEquals(500, third.standing().base());
    assertEquals(null, second.standing());
    assertEquals(second.categories(), third.categories());
    assertEquals(second.consent(), third.consent());
    assertEquals(second.lifetimeCapMinutes(), third.lifetimeCapMinutes());
  }

  @Test
  void theFourthOnlyAddsWhatNoShowsLateCancellationsAndUpheldServiceDisputesCost() {
    Rulebook third = Rulebooks.version(3).orElseThrow();
    Rulebook fourth = Rulebooks.version(4).orElseThrow();
    assertEquals(-20, fourth.standing().pointsPerNoShow());
    assertEquals(-10, fourth.standing().pointsPerLateCancellation());
    assertEquals(-50, fourth.standing().pointsPerUpheldServiceDispute());
    assertEquals(0, third.standing().pointsPerNoShow(), "a weight a version leaves out counts 0");
    assertEquals(third.categories(), fourth.categories());
    assertEquals(third.consent(), fourth.consent());
    assertEquals(third.honours(), fourth.honours());
    assertEquals(third.standing().ratingPointsPerStar(), fourth.standing().ratingPointsPerStar());
  }

  @Test
  void theFifthAllowsNonCashBenefitsOnlyAndKeepsTheFourthsOtherRules() {
    Rulebook fourth = Rulebooks.version(4).orElseThrow();
    Rulebook fifth = Rulebooks.version(5).orElseThrow();
    assertEquals(null, fourth.benefits());
    assertEquals(
        java.util.List.of("SERVICE_PRIORITY", "GOODS", "CARE_HOME_PRIORITY"),
        fifth.benefits().allowedKinds());
    assertFalse(fifth.benefits().cashConversion());
    assertEquals(fourth.standing(), fifth.standing());
    assertEquals(fourth.categories(), fifth.categories());
    assertEquals(fourth.consent(), fifth.consent());
  }

  @Test
  void theSixthTurnsHoursAboveTheCapIntoHonoursAndAddsAStarAboveIt() {
    Rulebook fifth = Rulebooks.version(5).orElseThrow();
    Rulebook sixth = Rulebooks.version(6).orElseThrow();
    assertEquals(Rulebook.OverflowRule.HONOURS, sixth.overflowRule());
    assertEquals(fifth.lifetimeCapMinutes(), sixth.lifetimeCapMinutes());
    assertEquals(fifth.honours(), sixth.honours().subList(0, 5));
    Honour top = sixth.honours().get(5);
    assertEquals("DISTINGUISHED", top.code());
    assertTrue(top.hoursServed() * 60L > sixth.lifetimeCapMinutes(), "reached only above the cap");
    assertEquals(fifth.standing(), sixth.standing());
    assertEquals(fifth.categories(), sixth.categories());
    assertEquals(fifth.benefits(), sixth.benefits());
  }

  @Test
  void theVersionInForceOnADayIsTheNewestThatHadStarted() {
    assertEquals(1, Rulebooks.inForceOn(LocalDate.of(2026, 11, 30)).orElseThrow().version());
    assertEquals(2, Rulebooks.inForceOn(LocalDate.of(2026, 12, 1)).orElseThrow().version());
    assertEquals(3, Rulebooks.inForceOn(LocalDate.of(2027, 1, 1)).orElseThrow().version());
    assertEquals(4, Rulebooks.inForceOn(LocalDate.of(2027, 7, 1)).orElseThrow().version());
    assertEquals(5, Rulebooks.inForceOn(LocalDate.of(2027, 10, 1)).orElseThrow().version());
    assertEquals(6, Rulebooks.inForceOn(LocalDate.of(2028, 1, 1)).orElseThrow().version());
    assertTrue(Rulebooks.inForceOn(LocalDate.of(2025, 12, 31)).isEmpty());
  }

  @Test
  void creditsActualMinutesTimesTheCategoryWeightRoundedToTheStep() throws ProtocolException {
    assertEquals(90, rules.creditedMinutes("MEAL_ASSIST", 90));
    assertEquals(135, rules.creditedMinutes("BATHING_ASSIST", 90));
    assertEquals(20, rules.creditedMinutes("MEAL_ASSIST", 22));
    assertEquals(25, rules.creditedMinutes("MEAL_ASSIST", 23));
    assertEquals(5, rules.creditedMinutes("MEAL_ASSIST", 3));
    assertEquals(45, rules.creditedMinutes("BATHING_ASSIST", 29));
  }

  @Test
  void refusesUnknownCategoriesAndMinutesOutOfRangeWithReasons() {
    assertEquals(
        ReasonCode.UNKNOWN_CATEGORY,
        assertThrows(ProtocolException.class, () -> rules.creditedMinutes("SKYDIVING", 60))
            .reason());
    assertEquals(
        ReasonCode.INVALID_FIELD,
        assertThrows(ProtocolException.class, () -> rules.creditedMinutes("MEAL_ASSIST", 0))
            .reason());
    assertEquals(
        ReasonCode.INVALID_FIELD,
        assertThrows(ProtocolException.class, () -> rules.creditedMinutes("MEAL_ASSIST", 1441))
            .reason());
    ProtocolException tooShort =
        assertThrows(ProtocolException.class, () -> rules.creditedMinutes("MEAL_ASSIST", 2));
    assertTrue(tooShort.getMessage().contains("too short"), tooShort.getMessage());
  }

  @Test
  void knowsAgesGiftsCapsAndHolds() {
    assertEquals(59, Rulebook.ageOn(LocalDate.of(1966, 12, 1), LocalDate.of(2026, 11, 29)));
    assertEquals(60, Rulebook.ageOn(LocalDate.of(1966, 11, 29), LocalDate.of(2026, 11, 29)));
    assertTrue(rules.mayGiftTo(Relation.PARENT));
    assertFalse(rules.mayGiftTo(Relation.FRIEND));
    assertEquals(90_000, rules.lifetimeCapMinutes());
    assertEquals(Rulebook.OverflowRule.DONATE_TO_POOL, rules.overflowRule());
    assertEquals(7 * 24 * 3600, rules.defaultHoldExpirySeconds());
    assertTrue(rules.category("BATHING_ASSIST").orElseThrow().requiresInsurance());
    assertEquals(
        "CARE_BASIC", rules.category("BATHING_ASSIST").orElseThrow().certification().orElseThrow());
  }
}
