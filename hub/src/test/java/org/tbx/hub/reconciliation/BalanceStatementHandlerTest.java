package org.tbx.hub.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ingest.TestWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.StatementLine;

class BalanceStatementHandlerTest {

  private final ReconciliationRepository statements = mock(ReconciliationRepository.class);
  private final BalanceStatementHandler handler = new BalanceStatementHandler(statements);
  private final TestWork t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));

  @Test
  void queuesTheStatementForReconciliationOnceTheLastPartIsIn() throws Exception {
    when(statements.partsReceived("s-1")).thenReturn(1, 2);
    BalanceStatement first = statement(1, 2, List.of(new StatementLine("v-1", 60L, 0L)));
    t.apply(handler, "guilin", first);
    verify(statements, never()).markDue(any(), any());
    BalanceStatement last = statement(2, 2, List.of());
    t.apply(handler, "guilin", last);
    verify(statements).markDue("guilin", last);
    assertTrue(t.noticesTo("guilin").isEmpty());
  }

  @Test
  void refusesAPartOfAStatementThatIsCompleteAlready() {
    when(statements.complete("s-1")).thenReturn(true);
    assertTrue(
        assertThrows(
                ProtocolException.class,
                () -> t.apply(handler, "guilin", statement(2, 2, List.of())))
            .getMessage()
            .contains("complete already"));
  }

  @Test
  void refusesAPartTwiceALineTwiceAndAStatementOfItsOwnSequence() {
    when(statements.partReceived("s-1", 1)).thenReturn(true);
    assertEquals(
        ReasonCode.INVALID_FIELD,
        assertThrows(
                ProtocolException.class,
                () -> t.apply(handler, "guilin", statement(1, 1, List.of())))
            .reason());
    List<StatementLine> twice =
        List.of(new StatementLine("v-1", 1L, 0L), new StatementLine("v-1", 2L, 0L));
    assertTrue(
        assertThrows(
                ProtocolException.class, () -> t.apply(handler, "guilin", statement(1, 1, twice)))
            .getMessage()
            .contains("appears twice"));
    BalanceStatement ahead = statement(1, 1, List.of());
    ahead.setAsOfSequence(100L);
    assertThrows(ProtocolException.class, () -> t.apply(handler, "guilin", ahead));
  }

  private static BalanceStatement statement(int part, int parts, List<StatementLine> lines) {
    return new BalanceStatement("s-1", 0L, part, parts, new ControlTotals(1L, 60L, 0L), lines);
  }
}
