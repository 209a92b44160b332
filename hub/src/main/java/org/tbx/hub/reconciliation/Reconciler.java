package org.tbx.hub.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.DifferenceKind;
import org.tbx.protocol.v1.ReconciliationDifference;

/**
 * Compares a bank's figures with the hub's record of its stream and classifies each difference
 * (PROTOCOL.md section 6): control totals, then per volunteer REJECTED_BY_HUB (when the hub refused
 * an event of theirs), MISSING_AT_HUB, MISSING_AT_BANK or AMOUNT_DIFFERS; figures are net minutes.
 */
public final class Reconciler {

  private Reconciler() {}

  /**
   * @param bank the bank's lines, by volunteer
   * @param hub the hub's figures from the bank's events, by volunteer
   * @param rejected the first event per volunteer the hub refused
   * @param hubEvents how many of the bank's events (statements aside) the hub took up
   */
  public static List<ReconciliationDifference> differences(
      ControlTotals totals,
      Map<String, Figures> bank,
      Map<String, Figures> hub,
      Map<String, String> rejected,
      long hubEvents) {
    List<ReconciliationDifference> out = new ArrayList<>();
    Figures hubTotal = hub.values().stream().reduce(Figures.NONE, Figures::plus);
    total(out, totals.getEventCount(), hubEvents);
    total(out, totals.getCreditedMinutes(), hubTotal.credited());
    total(out, totals.getDebitedMinutes(), hubTotal.debited());
    TreeSet<String> volunteers = new TreeSet<>(bank.keySet());
    volunteers.addAll(hub.keySet());
    for (String v : volunteers) {
      Figures b = bank.getOrDefault(v, Figures.NONE);
      Figures h = hub.getOrDefault(v, Figures.NONE);
      if (b.equals(h)) {
        continue;
      }
      String eventId = rejected.get(v);
      DifferenceKind kind;
      if (eventId != null) {
        kind = DifferenceKind.REJECTED_BY_HUB;
      } else if (!hub.containsKey(v)) {
        kind = DifferenceKind.MISSING_AT_HUB;
      } else if (!bank.containsKey(v)) {
        kind = DifferenceKind.MISSING_AT_BANK;
      } else {
        kind = DifferenceKind.AMOUNT_DIFFERS;
      }
      out.add(new ReconciliationDifference(kind, v, eventId, b.net(), h.net()));
    }
    return out;
  }

  private static void total(List<ReconciliationDifference> out, long bank, long hub) {
    if (bank != hub) {
      out.add(
          new ReconciliationDifference(
              DifferenceKind.CONTROL_TOTAL_DIFFERS, null, null, bank, hub));
    }
  }
}
