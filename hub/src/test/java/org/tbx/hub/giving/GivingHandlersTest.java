package org.tbx.hub.giving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import org.tbx.protocol.v1.GrantIssued;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.PoolAllocated;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.Relation;

/** Gifts, donations, grants and pool allocations against an in-memory ledger. */
class GivingHandlersTest {

  private final VolunteerRepository volunteers = mock(VolunteerRepository.class);
  private final DebitAuthority authority = mock(DebitAuthority.class);
  private final HoursGiftedHandler gifts = new HoursGiftedHandler(volunteers, authority);
  private final HoursDonatedHandler donations = new HoursDonatedHandler(authority);
  private final GrantIssuedHandler grants = new GrantIssuedHandler();
  private final PoolAllocatedHandler allocations = new PoolAllocatedHandler();
  private TestWork t;

  @BeforeEach
  void aVolunteerWithAnHour() {
    t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));
    t.ledger.post(
        List.of(
            Transfer.of(
                UUID.randomUUID(),
                Account.bankIssued("guilin"),
                Account.volunteer("v-1"),
                60,
                TransferCode.SERVICE_RECORDED,
                "guilin")));
    individual("v-1");
    when(authority.check(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(Optional.empty());
    when(authority.use(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(Optional.empty());
  }

  @Test
  void aGiftMovesMinutesToARelative() throws Exception {
    t.apply(gifts, "guilin", new HoursGifted("v-1", "v-mother", Relation.PARENT, 40, null));
    assertEquals(20, t.ledger.posted(Account.volunteer("v-1")));
    assertEquals(40, t.ledger.posted(Account.volunteer("v-mother")));
  }

  @Test
  void aGiftIsRefusedAboveTheAvailableMinutesToSelfOrToAFriend() {
    assertEquals(
        ReasonCode.INSUFFICIENT_BALANCE,
        refused(
            () ->
                t.apply(
                    gifts,
                    "guilin",
                    new HoursGifted("v-1", "v-mother", Relation.PARENT, 61, null))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () ->
                t.apply(
                    gifts, "guilin", new HoursGifted("v-1", "v-1", Relation.SPOUSE, 10, null))));
    assertEquals(
        ReasonCode.RELATION_NOT_ALLOWED,
        refused(
            () ->
                t.apply(
                    gifts, "guilin", new HoursGifted("v-1", "v-pal", Relation.OTHER, 10, null))));
    assertEquals(60, t.ledger.posted(Account.volunteer("v-1")));
  }

  @Test
  void aBankTheDebitAuthorityRefusesMovesNothingAndGetsItsReason() {
    when(authority.check(any(UnitOfWork.class), any(DebitAuthority.Debit.class)))
        .thenReturn(
            Optional.of(
                new DebitAuthority.Refusal(
                    ReasonCode.NOT_ENROLLED_AT_BANK, "beihai has not enrolled v-1")));
    assertEquals(
        ReasonCode.NOT_ENROLLED_AT_BANK,
        refused(
            () ->
                t.apply(
                    gifts,
                    "beihai",
                    new HoursGifted("v-1", "v-mother", Relation.PARENT, 10, null))));
    assertEquals(60, t.ledger.posted(Account.volunteer("v-1")));
  }

  @Test
  void aGroupAccountMayOnlyDonate() throws Exception {
    when(volunteers.facts("v-1"))
        .thenReturn(
            new VolunteerRepository.Facts(
                "v-1", true, "guilin", LocalDate.of(1990, 1, 1), AccountType.GROUP, 60));
    assertEquals(
        ReasonCode.GROUP_ACCOUNT_DONATION_ONLY,
        refused(
            () ->
                t.apply(gifts, "guilin", new HoursGifted("v-1", "v-2", Relation.CHILD, 10, null))));
    t.apply(donations, "guilin", new HoursDonated("v-1", "national", 60, null));
    assertEquals(60, t.ledger.posted(Account.pool("national")));
  }

  @Test
  void aGrantIsBackedByItsGrantorAndAPoolAllocatesOnlyWhatItHas() throws Exception {
    t.apply(grants, "guilin", new GrantIssued("g-1", "civil-affairs", "v-2", 30, "winter"));
    assertEquals(30, t.ledger.posted(Account.volunteer("v-2")));
    assertEquals(-30, t.ledger.posted(Account.grant("civil-affairs")));
    assertEquals(
        ReasonCode.UNKNOWN_POOL,
        refused(
            () -> t.apply(allocations, "guilin", new PoolAllocated("empty", "v-2", 10, "elder"))));
    t.apply(donations, "guilin", new HoursDonated("v-1", "national", 20, null));
    assertEquals(
        ReasonCode.INSUFFICIENT_BALANCE,
        refused(
            () ->
                t.apply(allocations, "guilin", new PoolAllocated("national", "v-2", 21, "elder"))));
    t.apply(allocations, "guilin", new PoolAllocated("national", "v-2", 20, "elder"));
    assertEquals(50, t.ledger.posted(Account.volunteer("v-2")));
  }

  @Test
  void fieldsAreCheckedBeforeAnythingIsRead() {
    assertEquals(
        ReasonCode.UNKNOWN_POOL,
        refused(() -> t.apply(donations, "guilin", new HoursDonated("v-1", "no pool!", 5, null))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(
            () -> t.apply(grants, "guilin", new GrantIssued("g", "civil-affairs", "v-2", 0, "x"))));
  }

  private void individual(String volunteerId) {
    when(volunteers.facts(volunteerId))
        .thenReturn(
            new VolunteerRepository.Facts(
                volunteerId, true, "guilin", LocalDate.of(1990, 1, 1), AccountType.INDIVIDUAL, 60));
  }

  private static ReasonCode refused(Executable action) {
    return assertThrows(ProtocolException.class, action).reason();
  }
}
