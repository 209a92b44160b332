package org.tbx.hub.redemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tbx.hub.consent.DebitAuthority;
import org.tbx.hub.ingest.TestWork;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionCancelled;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;

/**
 * The two-phase redemption: authorize with a hold, settle or cancel, against an in-memory ledger.
 */
class RedemptionHandlersTest {

  private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");

  private final RedemptionRepository redemptions = mock(RedemptionRepository.class);
  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final DebitAuthority authority = mock(DebitAuthority.class);
  private final RedemptionRequestedHandler requests =
      new RedemptionRequestedHandler(redemptions, volunteers, authority);
  private final RedemptionSettledHandler settlements = new RedemptionSettledHandler(redemptions);
  private final RedemptionCancelledHandler cancellations =
      new RedemptionCancelledHandler(redemptions);
  private TestWork t;

  @BeforeEach
  void aVolunteerWithTwoHoursEarnedElsewhere() {
    t = new TestWork(NOW);
    when(redemptions.claim(any(), anyString())).thenReturn(true);
    t.ledger.post(
        List.of(
            Transfer.of(
                UUID.randomUUID(),
                Account.bankIssued("guilin"),
                Account.volunteer("v-1"),
                120,
                TransferCode.SERVICE_RECORDED,
                "guilin")));
    when(volunteers.facts("v-1"))
        .thenReturn(
            new VolunteerRepository.Facts(
                "v-1", true, "guilin", LocalDate.of(1960, 1, 1), AccountType.INDIVIDUAL, 120));
    when(authority.check(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(Optional.empty());
    when(authority.use(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(Optional.empty());
  }

  @Test
  void authorizesWithAHoldUntilTheRulebooksExpiry() throws Exception {
    t.apply(requests, "beihai", request("r-1", 90, Relation.SELF, LocalDate.of(1950, 1, 1)));
    RedemptionAuthorized authorized =
        assertInstanceOf(RedemptionAuthorized.class, t.noticesTo("beihai").get(0));
    assertEquals(90, authorized.getAuthorizedMinutes());
    assertEquals(NOW.plus(Duration.ofDays(7)), authorized.getExpiresAt());
    assertEquals(90, t.ledger.held(Account.volunteer("v-1")));
    verify(redemptions)
        .insert(
            any(),
            any(),
            eq("beihai"),
            argThat(r -> r.getRedemptionId().equals("r-1") && r.getRequestedMinutes() == 90),
            eq("AUTHORIZED"),
            isNull(),
            eq(NOW));
  }

  @Test
  void declinesAboveTheAvailableMinutesOrForTooYoungABeneficiaryWithAReason() throws Exception {
    t.apply(requests, "beihai", request("r-2", 121, Relation.SELF, LocalDate.of(1950, 1, 1)));
    t.apply(requests, "beihai", request("r-3", 30, Relation.PARENT, LocalDate.of(1990, 1, 1)));
    List<Object> notices = t.noticesTo("beihai");
    assertEquals(
        ReasonCode.INSUFFICIENT_BALANCE, ((RedemptionDeclined) notices.get(0)).getReason());
    assertEquals(ReasonCode.AGE_LIMIT, ((RedemptionDeclined) notices.get(1)).getReason());
    assertEquals(0, t.ledger.held(Account.volunteer("v-1")));
  }

  @Test
  void declinesWithTheDebitAuthoritysReasonAndHoldsNothing() throws Exception {
    when(authority.check(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(
            Optional.of(new DebitAuthority.Refusal(ReasonCode.CONSENT_REQUIRED, "no consent")));
    t.apply(requests, "beihai", request("r-4", 30, Relation.SELF, LocalDate.of(1950, 1, 1)));
    assertEquals(
        ReasonCode.CONSENT_REQUIRED,
        ((RedemptionDeclined) t.noticesTo("beihai").get(0)).getReason());
    assertEquals(0, t.ledger.held(Account.volunteer("v-1")));
  }

  @Test
  void refusesARedemptionIdUsedBefore() {
    when(redemptions.claim(any(), eq("r-1"))).thenReturn(false);
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                t.apply(
                    requests,
                    "beihai",
                    request("r-1", 30, Relation.SELF, LocalDate.of(1950, 1, 1))));
    assertEquals(ReasonCode.INVALID_FIELD, e.reason());
  }

  @Test
  void settlingPostsTheMinutesUsedToTheHonouringBankAndReleasesTheRest() throws Exception {
    UUID holdId = hold("beihai", "r-1", 90, NOW.plusSeconds(60), "PENDING");
    t.apply(settlements, "beihai", new RedemptionSettled("r-1", holdId.toString(), 60));
    assertEquals(60, t.ledger.posted(Account.volunteer("v-1")));
    assertEquals(60, t.ledger.posted(Account.bankHonoured("beihai")));
    assertEquals(0, t.ledger.held(Account.volunteer("v-1")));
    verify(redemptions).resolve(eq(holdId), eq("POSTED"), eq(60L), any(), eq(NOW));
  }

  @Test
  void aHoldResolvesOnceOnlyBeforeItExpiresAndOnlyForItsBank() throws Exception {
    UUID pending = hold("beihai", "r-1", 90, NOW.plusSeconds(60), "PENDING");
    assertEquals(
        ReasonCode.SETTLED_ABOVE_AUTHORIZED,
        refused(
            () ->
                t.apply(
                    settlements, "beihai", new RedemptionSettled("r-1", pending.toString(), 91))));
    assertEquals(
        ReasonCode.UNKNOWN_REDEMPTION,
        refused(
            () ->
                t.apply(
                    settlements, "guilin", new RedemptionSettled("r-1", pending.toString(), 10))));
    UUID posted = hold("beihai", "r-2", 30, NOW.plusSeconds(60), "POSTED");
    assertEquals(
        ReasonCode.HOLD_ALREADY_RESOLVED,
        refused(
            () ->
                t.apply(
                    cancellations,
                    "beihai",
                    new RedemptionCancelled("r-2", posted.toString(), "x"))));
    UUID late = hold("beihai", "r-3", 30, NOW, "PENDING");
    assertEquals(
        ReasonCode.HOLD_EXPIRED,
        refused(
            () ->
                t.apply(settlements, "beihai", new RedemptionSettled("r-3", late.toString(), 30))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    cancellations, "beihai", new RedemptionCancelled("r-1", "not-a-uuid", "x"))));
  }

  @Test
  void cancellingReleasesTheWholeHold() throws Exception {
    UUID holdId = hold("beihai", "r-1", 90, NOW.plusSeconds(60), "PENDING");
    t.apply(
        cancellations,
        "beihai",
        new RedemptionCancelled("r-1", holdId.toString(), "the elder is in hospital"));
    assertEquals(0, t.ledger.held(Account.volunteer("v-1")));
    assertEquals(120, t.ledger.posted(Account.volunteer("v-1")));
    verify(redemptions).resolve(eq(holdId), eq("VOIDED"), isNull(), any(), eq(NOW));
  }

  private UUID hold(
      String node, String redemptionId, long minutes, Instant expiresAt, String state) {
    UUID id = UUID.randomUUID();
    Account volunteer = Account.volunteer("v-1");
    Account honoured = Account.bankHonoured(node);
    if (state.equals("PENDING")) {
      t.ledger.pending(
          Map.of(volunteer, new long[] {minutes, 0}, honoured, new long[] {0, minutes}));
    }
    when(redemptions.lockHold(any(), eq(id)))
        .thenReturn(
            Optional.of(
                new RedemptionRepository.Hold(
                    id,
                    redemptionId,
                    node,
                    volunteer,
                    honoured,
                    minutes,
                    expiresAt,
                    state,
                    null,
                    null)));
    return id;
  }

  private static RedemptionRequested request(
      String id, int minutes, Relation relation, LocalDate born) {
    return new RedemptionRequested(
        id, "v-1", "elder-9", relation, born, "MEAL_ASSIST", minutes, null);
  }

  private static ReasonCode refused(Executable action) {
    return assertThrows(ProtocolException.class, action).reason();
  }
}
