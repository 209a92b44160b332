package org.tbx.hub.deposit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRecorded;

class DepositRulesTest {

  private final Rulebook rules = Rulebooks.version(1).orElseThrow();

  @Test
  void splitsCreditsAtTheLifetimeCap() throws Exception {
    assertEquals(new DepositRules.Split(60, 0), DepositRules.underCap(rules, "v", 0, 60));
    assertEquals(new DepositRules.Split(10, 50), DepositRules.underCap(rules, "v", 89_990, 60));
    assertEquals(new DepositRules.Split(0, 60), DepositRules.underCap(rules, "v", 95_000, 60));
  }

  @Test
  void ageIsCheckedOnTheServiceDayAndOnlyForEnrolledVolunteers() {
    LocalDate day = LocalDate.of(2026, 11, 28);
    VolunteerRepository.Facts seventeen =
        new VolunteerRepository.Facts(
            "v", true, "g", LocalDate.of(2008, 11, 29), AccountType.INDIVIDUAL, 0);
    VolunteerRepository.Facts eighteen =
        new VolunteerRepository.Facts(
            "v", true, "g", LocalDate.of(2008, 11, 28), AccountType.INDIVIDUAL, 0);
    VolunteerRepository.Facts unknown =
        new VolunteerRepository.Facts("v", false, null, null, null, 0);
    assertEquals(
        ReasonCode.AGE_LIMIT,
        assertThrows(ProtocolException.class, () -> DepositRules.checkAge(rules, seventeen, day))
            .reason());
    assertDoesNotThrow(() -> DepositRules.checkAge(rules, eighteen, day));
    assertDoesNotThrow(() -> DepositRules.checkAge(rules, unknown, day));
  }

  @Test
  void countsTheServiceDayInChinaStandardTime() {
    ServiceRecorded lateEvening = ServiceRecordedHandlerTest.deposit("v", "MEAL_ASSIST", 30, 30);
    lateEvening.setStartedAt(Instant.parse("2026-11-27T17:00:00Z"));
    assertEquals(LocalDate.of(2026, 11, 28), DepositRules.serviceDay(lateEvening));
  }
}
