package org.tbx.hub.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import org.tbx.hub.statistics.Indicator;
import org.tbx.hub.statistics.SmallCells;
import org.tbx.hub.statistics.Statistics;

/**
 * An indicator as a page shows it: its name, its value in the person's language, its definition and
 * its changes.
 *
 * @param change against the previous period, empty for an indicator of a moment
 * @param yearOnYear against the same days a year earlier, empty for an indicator of a moment
 */
@TemplateData
public record Tile(
    String key, String label, String value, String definition, String change, String yearOnYear) {

  /**
   * @param hideSmall whether a count of fewer than {@link SmallCells#THRESHOLD} people shows as
   *     "&lt;10" (the public page)
   */
  static List<Tile> of(Statistics.Overview overview, Words w, boolean hideSmall) {
    List<Tile> tiles = new ArrayList<>();
    for (Indicator i : overview.indicators()) {
      boolean periodic = i.previous() != null;
      tiles.add(
          new Tile(
              i.key(),
              w.get("ind_" + i.key()),
              value(i, w, hideSmall),
              w.get("def_" + i.key()),
              periodic ? w.get("vs_previous", w.change(i.changePermille())) : "",
              periodic ? w.get("vs_year", w.change(i.yearOnYearPermille())) : ""));
    }
    return tiles;
  }

  private static String value(Indicator i, Words w, boolean hideSmall) {
    if (i.value() == null) {
      return w.get("not_comparable");
    }
    long v = i.value();
    return switch (i.unit()) {
      case "people" ->
          hideSmall && !SmallCells.showable(v) ? w.get("hidden") : w.get("unit_people", w.num(v));
      case "minutes" -> w.get("unit_hours", w.hours(v));
      case "permille" -> w.percent(v);
      case "banks" -> w.get("unit_banks", w.num(v));
      case "seconds" -> w.get("unit_seconds", w.num(v));
      default -> w.get("unit_records", w.num(v));
    };
  }

  /** One age band of unredeemed hours. */
  @TemplateData
  public record AgeBand(String label, String hours) {}

  static List<AgeBand> ageing(List<Long> minutes, Words w) {
    List<AgeBand> bands = new ArrayList<>();
    for (int i = 0; i < minutes.size(); i++) {
      bands.add(new AgeBand(w.get("ageing_band_" + i), w.hours(minutes.get(i))));
    }
    return bands;
  }
}
