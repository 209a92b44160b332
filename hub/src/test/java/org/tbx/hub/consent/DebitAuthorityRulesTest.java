package org.tbx.hub.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.consent.Consents;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerConsent;

/** Each rule of debit authority, with its own reason code. */
class DebitAuthorityRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final ConsentUses uses = mock(ConsentUses.class);
  private final DebitAuthority authority = new DebitAuthority(volunteers, uses);
  private final KeyPair key = Ed25519Keys.generate();

  @BeforeEach
  void enrolledAtBeihaiWithAKey() {
    when(volunteers.enrollments(anyCollection()))
        .thenReturn(Map.of("v-1", Map.of("beihai", VolunteerRepository.Role.VISIT)));
    when(volunteers.consentKeys(anyCollection()))
        .thenReturn(Map.of("v-1", Ed25519Keys.rawPublicKey(key.getPublic())));
    when(uses.used(anyCollection())).thenReturn(Set.of());
    when(uses.use(anyString(), anyString(), anyString(), any(), anyLong())).thenReturn(true);
  }

  @Test
  void aValidConsentFromAnEnrollingBankPassesAndIsUsedOnce() {
    DebitAuthority.Debit d =
        debit("beihai", 60, consent("beihai", ConsentPurpose.REDEMPTION, 60, NOW.plusSeconds(60)));
    assertTrue(authority.check(d, NOW).isEmpty());
    assertTrue(authority.use(d).isEmpty());
    when(uses.use(anyString(), anyString(), anyString(), any(), anyLong())).thenReturn(false);
    assertEquals(ReasonCode.CONSENT_USED, authority.use(d).orElseThrow().reason());
  }

  @Test
  void eachBrokenRuleHasItsReason() {
    assertEquals(ReasonCode.NOT_ENROLLED_AT_BANK, reason(debit("guilin", 60, null)));
    assertEquals(ReasonCode.CONSENT_REQUIRED, reason(debit("beihai", 60, null)));
    assertEquals(
        ReasonCode.CONSENT_WRONG_BANK,
        reason(
            debit(
                "beihai",
                60,
                consent("nanning", ConsentPurpose.REDEMPTION, 60, NOW.plusSeconds(60)))));
    assertEquals(
        ReasonCode.CONSENT_INVALID,
        reason(
            debit("beihai", 60, consent("beihai", ConsentPurpose.GIFT, 60, NOW.plusSeconds(60)))));
    assertEquals(
        ReasonCode.CONSENT_ABOVE_CEILING,
        reason(
            debit(
                "beihai",
                61,
                consent("beihai", ConsentPurpose.REDEMPTION, 60, NOW.plusSeconds(60)))));
    assertEquals(
        ReasonCode.CONSENT_EXPIRED,
        reason(debit("beihai", 60, consent("beihai", ConsentPurpose.REDEMPTION, 60, NOW))));
    VolunteerConsent altered =
        consent("beihai", ConsentPurpose.REDEMPTION, 60, NOW.plusSeconds(60));
    altered.setExpiresAt(NOW.plusSeconds(86_400));
    assertEquals(ReasonCode.CONSENT_INVALID, reason(debit("beihai", 60, altered)));
    when(uses.used(anyCollection())).thenAnswer(call -> Set.copyOf(call.getArgument(0)));
    assertEquals(
        ReasonCode.CONSENT_USED,
        reason(
            debit(
                "beihai",
                60,
                consent("beihai", ConsentPurpose.REDEMPTION, 60, NOW.plusSeconds(60)))));
  }

  @Test
  void rulebookTwoAsksConsentForEveryDebitRulebookOneForNone() {
    assertTrue(Rulebooks.version(2).orElseThrow().consentRequired(ConsentPurpose.DONATION, 1));
    assertTrue(Rulebooks.version(2).orElseThrow().consentRequired(ConsentPurpose.GIFT, 1));
    assertTrue(
        !Rulebooks.version(1).orElseThrow().consentRequired(ConsentPurpose.REDEMPTION, 10_000));
  }

  private ReasonCode reason(DebitAuthority.Debit d) {
    return authority.check(d, NOW).orElseThrow().reason();
  }

  private static DebitAuthority.Debit debit(String node, long minutes, VolunteerConsent consent) {
    return new DebitAuthority.Debit(
        UUID.randomUUID(), node, "v-1", minutes, ConsentPurpose.REDEMPTION, consent, true);
  }

  private VolunteerConsent consent(
      String node, ConsentPurpose purpose, int max, Instant expiresAt) {
    return Consents.sign(
        UUID.randomUUID().toString(),
        "v-1",
        node,
        purpose,
        max,
        expiresAt,
        key.getPrivate(),
        key.getPublic());
  }
}
