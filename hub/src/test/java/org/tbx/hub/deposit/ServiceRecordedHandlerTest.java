package org.tbx.hub.deposit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.TestWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRecorded;

/** The deposit's rules, against an in-memory ledger and a stubbed volunteer registry. */
class ServiceRecordedHandlerTest {

  private static final Instant DAY = Instant.parse("2026-11-28T01:00:00Z");

  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final HubConfig config = mock(HubConfig.class);
  private final HonourOverflow honours = mock(HonourOverflow.class);
  private final ServiceRecordedHandler handler =
      new ServiceRecordedHandler(volunteers, config, honours);
  private TestWork t;

  @BeforeEach
  void fresh() {
    t = new TestWork(DAY);
    when(config.clockSkew()).thenReturn(Duration.ofMinutes(1));
    credited("v-1", 0, LocalDate.of(1990, 1, 1));
  }

  @Test
  void creditsTheVolunteerFromTheBanksIssue() throws Exception {
    t.apply(handler, "guilin", deposit("v-1", "MEAL_ASSIST", 60, 60));
    Transfer posted = t.ledger.posted().get(0);
    assertEquals(Account.bankIssued("guilin"), posted.debit());
    assertEquals(Account.volunteer("v-1"), posted.credit());
    assertEquals(60, t.ledger.posted(Account.volunteer("v-1")));
  }

  @Test
  void refusesAServiceInTheFutureOrBeforeItsRulebookTookEffect() {
    ServiceRecorded future = deposit("v-1", "MEAL_ASSIST", 30, 30);
    future.setStartedAt(DAY.plus(Duration.ofMinutes(2)));
    assertTrue(
        assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", future))
            .getMessage()
            .contains("in the future"));
    ServiceRecorded ancient = deposit("v-1", "MEAL_ASSIST", 30, 30);
    ancient.setStartedAt(Instant.parse("1900-06-01T00:00:00Z"));
    assertTrue(
        assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", ancient))
            .getMessage()
            .contains("before rulebook 1 took effect"));
    assertTrue(t.ledger.posted().isEmpty());
  }

  @Test
  void refusesANameAnIdNumberOrFreeTextWhereWhoRecordedOrConfirmedBelongs() {
    for (String bad : List.of("张三", "11010519491231002X", "x".repeat(300_000), "staff 1")) {
      ServiceRecorded recorded = deposit("v-1", "MEAL_ASSIST", 30, 30);
      recorded.getEvidence().setRecordedBy(bad);
      ProtocolException e =
          assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", recorded));
      assertEquals(ReasonCode.INVALID_FIELD, e.reason());
      assertTrue(e.getMessage().contains("payload.evidence.recordedBy"), e.getMessage());
      assertTrue(e.getMessage().length() < 300, "the refusal does not repeat the whole text");
      ServiceRecorded confirmed = deposit("v-1", "MEAL_ASSIST", 30, 30);
      confirmed.getEvidence().setConfirmedBy(List.of("elder-1", bad));
      e = assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", confirmed));
      assertTrue(e.getMessage().contains("payload.evidence.confirmedBy[1]"), e.getMessage());
    }
    ServiceRecorded crowd = deposit("v-1", "MEAL_ASSIST", 30, 30);
    crowd.getEvidence().setConfirmedBy(Collections.nCopies(11, "elder-1"));
    assertTrue(
        assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", crowd))
            .getMessage()
            .contains("at most 10"));
    ServiceRecorded backwards = deposit("v-1", "MEAL_ASSIST", 30, 30);
    backwards.getEvidence().setCheckInAt(DAY);
    backwards.getEvidence().setCheckOutAt(DAY.minusSeconds(60));
    assertTrue(
        assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", backwards))
            .getMessage()
            .contains("before checkInAt"));
    assertTrue(t.ledger.posted().isEmpty(), "nothing posted");
  }

  @Test
  void refusesCreditedMinutesTheRulebookDoesNotGive() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> t.apply(handler, "guilin", deposit("v-1", "BATHING_ASSIST", 29, 40)));
    assertEquals(ReasonCode.CREDITED_MINUTES_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("credits 45"), e.getMessage());
  }

  @Test
  void refusesAnEnrolledVolunteerBelowTheMinimumAgeOnTheServiceDay() {
    credited("v-young", 0, LocalDate.of(2010, 1, 1));
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> t.apply(handler, "guilin", deposit("v-young", "MEAL_ASSIST", 30, 30)));
    assertEquals(ReasonCode.AGE_LIMIT, e.reason());
    assertTrue(t.ledger.posted().isEmpty(), "nothing posted");
  }

  @Test
  void refusesACategoryNeedingACertificationOrInsuranceTheVolunteerLacks() {
    when(volunteers.certified(anyString(), anyString(), any())).thenReturn(false);
    assertEquals(
        ReasonCode.CERTIFICATION_REQUIRED,
        assertThrows(
                ProtocolException.class,
                () -> t.apply(handler, "guilin", deposit("v-1", "BATHING_ASSIST", 30, 45)))
            .reason());
    when(volunteers.certified(eq("v-1"), eq("CARE_BASIC"), any())).thenReturn(true);
    when(volunteers.insured(eq("v-1"), any())).thenReturn(false);
    assertEquals(
        ReasonCode.INSURANCE_REQUIRED,
        assertThrows(
                ProtocolException.class,
                () -> t.apply(handler, "guilin", deposit("v-1", "BATHING_ASSIST", 30, 45)))
            .reason());
    assertTrue(t.ledger.posted().isEmpty(), "a refused deposit posts nothing");
  }

  @Test
  void sendsWhatGoesAboveTheLifetimeCapToTheOverflowPoolCountingEarlierDepositsOfThePoll()
      throws Exception {
    credited("v-near", 89_950, LocalDate.of(1980, 1, 1));
    t.apply(handler, "guilin", deposit("v-near", "MEAL_ASSIST", 30, 30));
    t.apply(handler, "guilin", deposit("v-near", "MEAL_ASSIST", 40, 40));
    assertEquals(50, t.ledger.posted(Account.volunteer("v-near")));
    assertEquals(20, t.ledger.posted(Account.pool("national")));
  }

  @Test
  void underRulebookSixTurnsWhatGoesAboveTheCapIntoHonoursOnNobodysBalance() throws Exception {
    Instant day = Instant.parse("2028-01-03T02:00:00Z");
    t = new TestWork(day.plus(Duration.ofHours(1)));
    credited("v-near", 89_950, LocalDate.of(1980, 1, 1));
    when(volunteers.enrollment("v-near", "guilin"))
        .thenReturn(Optional.of(VolunteerRepository.Role.HOME));
    ServiceRecorded deposit = deposit("v-near", "MEAL_ASSIST", 80, 80);
    deposit.setStartedAt(day);
    deposit.setRulebookVersion(6);
    EventContext<ServiceRecorded> applied = t.apply(handler, "guilin", deposit);
    assertEquals(50, t.ledger.posted(Account.volunteer("v-near")));
    assertEquals(0, t.ledger.posted(Account.pool("national")));
    assertEquals(1, t.ledger.posted().size(), "the bank issues only what the volunteer holds");
    verify(honours)
        .record(applied.eventId(), "guilin", "v-near", 30, day.plus(Duration.ofHours(1)));
  }

  private void credited(String volunteerId, long credits, LocalDate born) {
    VolunteerRepository.Facts facts =
        new VolunteerRepository.Facts(
            volunteerId, true, "guilin", born, AccountType.INDIVIDUAL, credits);
    when(volunteers.facts(volunteerId)).thenReturn(facts);
    when(volunteers.facts(List.of(volunteerId))).thenReturn(List.of(facts));
  }

  static ServiceRecorded deposit(String volunteerId, String category, int actual, int credited) {
    return new ServiceRecorded(
        volunteerId,
        category,
        "elder-1",
        DAY,
        actual,
        credited,
        1,
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "org-1", List.of(), null, null));
  }
}
