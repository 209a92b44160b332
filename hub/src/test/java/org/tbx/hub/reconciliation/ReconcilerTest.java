package org.tbx.hub.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.DifferenceKind;
import org.tbx.protocol.v1.ReconciliationDifference;

/** How a bank's figures are compared with the hub's record and each difference classified. */
class ReconcilerTest {

  @Test
  void matchingBooksHaveNoDifference() {
    Map<String, Figures> same = Map.of("v-1", new Figures(60, 30));
    assertTrue(
        Reconciler.differences(new ControlTotals(2L, 60L, 30L), same, same, Map.of(), 2).isEmpty());
  }

  @Test
  void classifiesEachVolunteerAndEachControlTotal() {
    Map<String, Figures> bank =
        Map.of(
            "v-amount", new Figures(60, 0),
            "v-bank-only", new Figures(30, 0),
            "v-rejected", new Figures(45, 0));
    Map<String, Figures> hub =
        Map.of("v-amount", new Figures(50, 0), "v-hub-only", new Figures(20, 0));
    List<ReconciliationDifference> d =
        Reconciler.differences(
            new ControlTotals(4L, 135L, 0L), bank, hub, Map.of("v-rejected", "e-9"), 4);
    assertEquals(DifferenceKind.CONTROL_TOTAL_DIFFERS, d.get(0).getKind());
    assertEquals(135, d.get(0).getBankMinutes());
    assertEquals(70, d.get(0).getHubMinutes());
    Map<String, ReconciliationDifference> byVolunteer =
        Map.of(
            d.get(1).getVolunteerId(), d.get(1),
            d.get(2).getVolunteerId(), d.get(2),
            d.get(3).getVolunteerId(), d.get(3),
            d.get(4).getVolunteerId(), d.get(4));
    assertEquals(DifferenceKind.AMOUNT_DIFFERS, byVolunteer.get("v-amount").getKind());
    assertEquals(DifferenceKind.MISSING_AT_HUB, byVolunteer.get("v-bank-only").getKind());
    assertEquals(DifferenceKind.MISSING_AT_BANK, byVolunteer.get("v-hub-only").getKind());
    assertEquals(DifferenceKind.REJECTED_BY_HUB, byVolunteer.get("v-rejected").getKind());
    assertEquals("e-9", byVolunteer.get("v-rejected").getEventId());
  }
}
