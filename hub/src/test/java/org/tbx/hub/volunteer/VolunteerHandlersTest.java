package org.tbx.hub.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tbx.hub.ingest.TestWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;

/** Enrollment, relocation, certifications and insurance: who may report what. */
class VolunteerHandlersTest {

  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final TestWork t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));

  @Test
  void theEnrollingBankBecomesTheHomeBankOnce() throws Exception {
    VolunteerEnrolledHandler handler = new VolunteerEnrolledHandler(volunteers);
    LocalDate born = LocalDate.of(1990, 1, 1);
    t.apply(handler, "guilin", new VolunteerEnrolled("v-1", born, AccountType.INDIVIDUAL, null));
    verify(volunteers).enroll("v-1", "guilin", born, AccountType.INDIVIDUAL, null);
    when(volunteers.homeOf("v-1")).thenReturn(Optional.of("guilin"));
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                t.apply(
                    handler,
                    "beihai",
                    new VolunteerEnrolled("v-1", born, AccountType.INDIVIDUAL, null)));
    assertEquals(ReasonCode.INVALID_FIELD, e.reason());
  }

  @Test
  void onlyTheOldOrTheNewHomeBankReportsARelocationFromTheRealHome() throws Exception {
    VolunteerRelocatedHandler handler = new VolunteerRelocatedHandler(volunteers);
    when(volunteers.homeOf("v-1")).thenReturn(Optional.of("guilin"));
    assertEquals(
        ReasonCode.NODE_MISMATCH,
        refused(
            () -> t.apply(handler, "nanning", new VolunteerRelocated("v-1", "guilin", "beihai"))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () -> t.apply(handler, "beihai", new VolunteerRelocated("v-1", "liuzhou", "beihai"))));
    assertEquals(
        ReasonCode.UNKNOWN_VOLUNTEER,
        refused(
            () -> t.apply(handler, "beihai", new VolunteerRelocated("v-2", "guilin", "beihai"))));
    t.apply(handler, "beihai", new VolunteerRelocated("v-1", "guilin", "beihai"));
    verify(volunteers).moveHome("v-1", "beihai");
  }

  @Test
  void refusesRevokingACertificationNotHeldAndInsuranceEndingBeforeItStarts() {
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    new CertificationRevokedHandler(volunteers),
                    "guilin",
                    new CertificationRevoked("v-1", "FIRST_AID", "expired"))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    new InsuranceRegisteredHandler(volunteers),
                    "guilin",
                    new InsuranceRegistered(
                        "v-1",
                        "p-1",
                        "picc",
                        LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 11, 1)))));
  }

  private static ReasonCode refused(Executable action) {
    return assertThrows(ProtocolException.class, action).reason();
  }
}
