package org.tbx.hub.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.TestWork;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.IdentityVerification;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VerificationMethod;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;

/** Enrollment, relocation, certifications and insurance: who may report what. */
class VolunteerHandlersTest {

  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final Notifications notifications = mock(Notifications.class);
  private final TestWork t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));

  @Test
  void theFirstBankBecomesTheHomeAnotherIsAVisitTheHomeBankAndTheVolunteerAreTold()
      throws Exception {
    VolunteerEnrolledHandler handler = new VolunteerEnrolledHandler(volunteers, notifications);
    LocalDate born = LocalDate.of(1990, 1, 1);
    IdentityVerification checked =
        new IdentityVerification(VerificationMethod.ID_CARD_AND_FACE, "staff-1");
    KeyPair key = Ed25519Keys.generate();
    ByteBuffer publicKey = ByteBuffer.wrap(Ed25519Keys.rawPublicKey(key.getPublic()));
    EventContext<VolunteerEnrolled> home =
        t.apply(
            handler,
            "guilin",
            new VolunteerEnrolled("v-1", born, AccountType.INDIVIDUAL, null, checked, publicKey));
    verify(volunteers)
        .enroll("v-1", "guilin", born, AccountType.INDIVIDUAL, null, checked, home.eventId());
    verify(volunteers).registerConsentKey(eq("v-1"), any(), eq(Ed25519Keys.keyId(key.getPublic())));
    when(volunteers.homeOf("v-1")).thenReturn(Optional.of("guilin"));
    assertEquals(
        ReasonCode.NOT_HOME_BANK,
        refused(
            () ->
                t.apply(
                    handler,
                    "beihai",
                    new VolunteerEnrolled(
                        "v-1", born, AccountType.INDIVIDUAL, null, checked, publicKey))));
    EventContext<VolunteerEnrolled> visit =
        t.apply(
            handler,
            "beihai",
            new VolunteerEnrolled("v-1", born, AccountType.INDIVIDUAL, null, checked, null));
    verify(volunteers)
        .enrollAs("v-1", "beihai", VolunteerRepository.Role.VISIT, checked, visit.eventId());
    verify(notifications)
        .tell(
            eq("guilin"),
            isNull(),
            eq(Notifications.Kind.VOLUNTEER_ENROLLED_ELSEWHERE),
            eq("v-1"),
            any());
    verify(notifications)
        .tell(
            isNull(),
            eq("v-1"),
            eq(Notifications.Kind.VOLUNTEER_ENROLLED_ELSEWHERE),
            eq("v-1"),
            any());
  }

  @Test
  void refusesABirthDateInTheFutureOrBefore1900AndAKeyOfTheWrongLength() {
    VolunteerEnrolledHandler handler = new VolunteerEnrolledHandler(volunteers, notifications);
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    handler,
                    "guilin",
                    new VolunteerEnrolled(
                        "v-1",
                        LocalDate.of(1899, 12, 31),
                        AccountType.INDIVIDUAL,
                        null,
                        null,
                        null))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    handler,
                    "guilin",
                    new VolunteerEnrolled(
                        "v-1",
                        LocalDate.of(1990, 1, 1),
                        AccountType.INDIVIDUAL,
                        null,
                        null,
                        ByteBuffer.wrap(new byte[31])))));
  }

  @Test
  void onlyTheHomeBankTheVolunteerLeavesReportsARelocationToAnotherRegisteredBank()
      throws Exception {
    NodeRegistry registry = mock(NodeRegistry.class);
    when(registry.exists("beihai")).thenReturn(true);
    VolunteerRelocatedHandler handler = new VolunteerRelocatedHandler(volunteers, registry);
    when(volunteers.homeOf("v-1")).thenReturn(Optional.of("guilin"));
    assertEquals(
        ReasonCode.NODE_MISMATCH,
        refused(
            () -> t.apply(handler, "beihai", new VolunteerRelocated("v-1", "guilin", "beihai"))),
        "the new bank may not make itself home");
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () -> t.apply(handler, "liuzhou", new VolunteerRelocated("v-1", "liuzhou", "beihai"))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () -> t.apply(handler, "guilin", new VolunteerRelocated("v-1", "guilin", "nowhere"))));
    assertEquals(
        ReasonCode.UNKNOWN_VOLUNTEER,
        refused(
            () -> t.apply(handler, "guilin", new VolunteerRelocated("v-2", "guilin", "beihai"))));
    t.apply(handler, "guilin", new VolunteerRelocated("v-1", "guilin", "beihai"));
    verify(volunteers).moveHome(eq("v-1"), eq("guilin"), eq("beihai"), any());
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
