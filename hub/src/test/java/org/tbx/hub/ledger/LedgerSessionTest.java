package org.tbx.hub.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerSessionTest {

  private final MemoryLedger store = new MemoryLedger();
  private final LedgerSession session = new LedgerSession(store);
  private final Account volunteer = Account.volunteer("v-1");
  private final Account issued = Account.bankIssued("guilin");
  private final Account honoured = Account.bankHonoured("beihai");

  @Test
  void aDebitsBalanceCheckSeesBufferedPostingsAndReservationsWithoutPostingTheBuffer() {
    session.post(
        Transfer.of(
            UUID.randomUUID(), issued, volunteer, 60, TransferCode.SERVICE_RECORDED, "guilin"));
    session.flush();
    assertEquals(60, session.available(volunteer));
    session.post(
        Transfer.of(
            UUID.randomUUID(), issued, volunteer, 30, TransferCode.SERVICE_RECORDED, "guilin"));
    session.reserve(volunteer, honoured, 50);
    assertEquals(1, store.posted().size(), "the second deposit is still buffered");
    assertEquals(40, session.available(volunteer), "60 + 30 posted, 50 held");
    session.release(volunteer, honoured, 50);
    session.post(
        Transfer.of(
            UUID.randomUUID(), volunteer, honoured, 50, TransferCode.REDEMPTION_SETTLED, "beihai"));
    assertEquals(40, session.available(volunteer));
    session.flush();
    assertEquals(40, store.posted(volunteer));
    assertEquals(40, session.available(volunteer), "posting the buffer changes nothing it saw");
  }

  @Test
  void anAccountFirstCreditedInTheTransactionIsPostedSoItsRowCanBeLocked() {
    session.post(
        Transfer.of(
            UUID.randomUUID(), issued, volunteer, 25, TransferCode.SERVICE_RECORDED, "guilin"));
    assertEquals(25, session.available(volunteer));
    assertEquals(1, store.posted().size());
    assertTrue(session.lock(Account.volunteer("v-unknown")).isEmpty());
  }

  @Test
  void anEventForgottenAfterARollbackIsNoLongerInTheBalance() {
    session.post(
        Transfer.of(
            UUID.randomUUID(), issued, volunteer, 60, TransferCode.SERVICE_RECORDED, "guilin"));
    session.flush();
    assertEquals(60, session.available(volunteer));
    UUID failed = UUID.randomUUID();
    session.post(Transfer.of(failed, volunteer, honoured, 20, TransferCode.HOURS_GIFTED, "guilin"));
    assertEquals(40, session.available(volunteer));
    session.forget(failed);
    assertEquals(60, session.available(volunteer));
  }
}
