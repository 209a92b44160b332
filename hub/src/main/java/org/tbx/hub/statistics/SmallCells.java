package org.tbx.hub.statistics;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public page's rule for small numbers of people (PROTOCOL-free, documented in the hub README):
 * a row that describes fewer than {@link #THRESHOLD} people is shown as "&lt;10" in every column;
 * when exactly one row of a table is hidden and the table shows a total, the next smallest row is
 * hidden too, so no hidden row can be recovered by subtracting the shown rows from the total; a
 * total of fewer than {@link #THRESHOLD} people hides every row and the total.
 */
public final class SmallCells {

  /** Fewer people than this are never shown. */
  public static final long THRESHOLD = 10;

  private SmallCells() {}

  /**
   * @param people how many people each row describes, by row key
   * @return the rows to hide (primary and secondary suppression)
   */
  public static Set<String> hidden(Map<String, Long> people) {
    Set<String> hidden = new LinkedHashSet<>();
    long total = people.values().stream().mapToLong(Long::longValue).sum();
    if (total < THRESHOLD) {
      hidden.addAll(people.keySet());
      return hidden;
    }
    people.forEach(
        (row, n) -> {
          if (n < THRESHOLD) {
            hidden.add(row);
          }
        });
    if (hidden.size() == 1) {
      List<Map.Entry<String, Long>> rest =
          people.entrySet().stream()
              .filter(e -> !hidden.contains(e.getKey()))
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
              .toList();
      if (!rest.isEmpty()) {
        hidden.add(rest.get(0).getKey());
      }
    }
    return hidden;
  }

  /**
   * @return whether a total of this many people may be shown
   */
  public static boolean showable(long people) {
    return people >= THRESHOLD;
  }
}
