package org.tbx.hub.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tbx.hub.deposit.HonourOverflow;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ingest.TestWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.ReasonCode;

/** Corrections post the opposite of an earlier event's transfers, once, for the same bank only. */
class EntryReversedHandlerTest {

  private final ProcessedEvents processed = mock(ProcessedEvents.class);
  private final HonourOverflow honours = mock(HonourOverflow.class);
  private final EntryReversedHandler handler = new EntryReversedHandler(processed, honours);
  private final TestWork t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));

  @Test
  void reversesEveryTransferOfTheOriginalPointingAtIt() throws Exception {
    UUID deposit = applied("guilin", "ServiceRecorded", 45);
    t.apply(handler, "guilin", new EntryReversed(deposit.toString(), "recorded twice"));
    assertEquals(0, t.ledger.posted(Account.volunteer("v-1")));
    Transfer reversal = t.ledger.posted().get(1);
    assertEquals(TransferCode.REVERSAL.name(), reversal.code());
    assertEquals(t.ledger.posted().get(0).id(), reversal.reversesTransferId());
    assertEquals(
        ReasonCode.ALREADY_REVERSED,
        refused(() -> t.apply(handler, "guilin", new EntryReversed(deposit.toString(), "again"))));
  }

  @Test
  void takesBackADepositWhollyTurnedIntoHonoursOnceThoughItPostedNothing() throws Exception {
    UUID deposit = UUID.randomUUID();
    when(processed.applied(deposit))
        .thenReturn(
            Optional.of(new ProcessedEvents.Applied(deposit, "guilin", "ServiceRecorded", "v-1")));
    when(honours.reverse(eq(deposit), any(), any())).thenReturn(true, false);
    t.apply(handler, "guilin", new EntryReversed(deposit.toString(), "recorded twice"));
    assertTrue(t.ledger.posted().isEmpty());
    assertEquals(
        ReasonCode.ALREADY_REVERSED,
        refused(() -> t.apply(handler, "guilin", new EntryReversed(deposit.toString(), "again"))));
  }

  @Test
  void refusesAnotherBanksEventARedemptionAndAnUnknownEvent() {
    UUID deposit = applied("guilin", "ServiceRecorded", 45);
    assertEquals(
        ReasonCode.UNKNOWN_EVENT,
        refused(
            () -> t.apply(handler, "beihai", new EntryReversed(deposit.toString(), "not ours"))));
    UUID settled = applied("guilin", "RedemptionSettled", 30);
    assertEquals(
        ReasonCode.NOT_REVERSIBLE,
        refused(
            () ->
                t.apply(
                    handler, "guilin", new EntryReversed(settled.toString(), "cancel instead"))));
    assertEquals(
        ReasonCode.UNKNOWN_EVENT,
        refused(
            () ->
                t.apply(handler, "guilin", new EntryReversed(UUID.randomUUID().toString(), "?"))));
    assertEquals(
        ReasonCode.INVALID_FIELD,
        refused(() -> t.apply(handler, "guilin", new EntryReversed("42", "?"))));
  }

  private UUID applied(String node, String type, long minutes) {
    UUID id = UUID.randomUUID();
    t.ledger.post(
        List.of(
            Transfer.of(
                id,
                Account.bankIssued(node),
                Account.volunteer("v-1"),
                minutes,
                TransferCode.SERVICE_RECORDED,
                node)));
    when(processed.applied(id))
        .thenReturn(Optional.of(new ProcessedEvents.Applied(id, node, type, "v-1")));
    return id;
  }

  private static ReasonCode refused(Executable action) {
    return assertThrows(ProtocolException.class, action).reason();
  }
}
