package org.tbx.protocol.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An honour of the rulebook (荣誉): a star level reached at a number of hours served (PROTOCOL.md
 * section 15). The hub derives who holds it, and since when, from the ledger; no bank sends it.
 *
 * @param code e.g. {@code STAR_1}
 * @param hoursServed credited service hours, not reversed, that reach it
 */
public record Honour(String code, String nameZh, String nameEn, int hoursServed) {

  /** Minutes of service credited (positive) or reversed (negative) at a moment. */
  public record Movement(Instant at, long minutes) {}

  /** An honour a volunteer holds, and when their service hours last rose to it. */
  public record Held(Honour honour, Instant reachedAt) {}

  public Honour {
    if (hoursServed < 1) {
      throw new IllegalArgumentException("honour " + code + ": hoursServed must be at least 1");
    }
  }

  /**
   * @param honours the rulebook's honours
   * @param movements the volunteer's service credits and their reversals, in any order
   * @return the honours held now, lowest first, each with the moment the running total of service
   *     minutes last rose to it (a reversal that takes it below loses the honour until it is
   *     reached again)
   */
  public static List<Held> held(List<Honour> honours, List<Movement> movements) {
    List<Movement> inOrder = new ArrayList<>(movements);
    inOrder.sort(Comparator.comparing(Movement::at));
    List<Held> out = new ArrayList<>();
    for (Honour h :
        honours.stream().sorted(Comparator.comparingInt(Honour::hoursServed)).toList()) {
      long threshold = h.hoursServed() * 60L;
      long total = 0;
      Instant reached = null;
      for (Movement m : inOrder) {
        long before = total;
        total += m.minutes();
        if (before < threshold && total >= threshold) {
          reached = m.at();
        }
      }
      if (total >= threshold) {
        out.add(new Held(h, reached));
      }
    }
    return List.copyOf(out);
  }
}
