package org.tbx.hub.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.statistics.Period;
import org.tbx.hub.statistics.Provinces;
import org.tbx.hub.statistics.Statistics;
import org.tbx.protocol.rules.Rulebooks;

/**
 * The public statistics page ({@code /}, no sign-in): the federation in numbers, by province,
 * aggregates only, small numbers of people hidden ({@link org.tbx.hub.statistics.SmallCells}).
 */
@Path("/")
@PermitAll
public class PublicPage {

  /** A province row as the page shows it. */
  @io.quarkus.qute.TemplateData
  public record ProvinceLine(
      String code,
      String name,
      String banks,
      String registered,
      String active,
      String deposited,
      String redeemed) {}

  /** A service category's row as the page shows it. */
  @io.quarkus.qute.TemplateData
  public record CategoryLine(
      String code,
      String name,
      String deposited,
      String services,
      String redeemed,
      String redemptions) {}

  /** An age band of elders served as the page shows it. */
  @io.quarkus.qute.TemplateData
  public record AgeLine(String band, String label, String people) {}

  /** A flow between provinces as the page shows it. */
  @io.quarkus.qute.TemplateData
  public record FlowLine(String earnedIn, String spentIn, String hours, String redemptions) {}

  @Location("public.html")
  Template page;

  private final WebContext web;
  private final Statistics statistics;

  PublicPage(WebContext web, Statistics statistics) {
    this.web = web;
    this.statistics = statistics;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true, summary = "The public statistics page (HTML, zh-CN or en)")
  public TemplateInstance show(@QueryParam("period") String period) {
    Period p = period(period, statistics);
    Words w = web.words();
    Statistics.Overview overview = statistics.overview(p);
    return web.page(page.instance(), w.get("public_title"))
        .data("tiles", Tile.of(overview, w, true))
        .data("overview", overview)
        .data("periods", Period.CHOICES)
        .data("period", p)
        .data("provinces", provinceLines(p, w))
        .data("categories", categoryLines(p, w))
        .data("ages", ageLines(p, w))
        .data("flows", flowLines(w))
        .data("ageing", Tile.ageing(statistics.ageing(), w));
  }

  @GET
  @Path("stats/provinces.csv")
  @Produces("text/csv")
  @Operation(
      hidden = true,
      summary = "The public page's table by province as CSV (small numbers hidden)")
  public Response provincesCsv(@QueryParam("period") String period) {
    Period p = period(period, statistics);
    Words w = web.words();
    List<List<String>> rows = new ArrayList<>();
    for (ProvinceLine l : provinceLines(p, w)) {
      rows.add(
          List.of(
              l.code(),
              l.name(),
              l.banks(),
              l.registered(),
              l.active(),
              l.deposited(),
              l.redeemed()));
    }
    return Csv.download(
        "tbx-provinces-" + p.parameter() + ".csv",
        List.of(
            w.get("col_region"),
            w.get("col_province"),
            w.get("col_banks"),
            w.get("col_registered"),
            w.get("col_active"),
            w.get("col_deposited"),
            w.get("col_redeemed")),
        rows);
  }

  @GET
  @Path("stats/categories.csv")
  @Produces("text/csv")
  @Operation(
      hidden = true,
      summary = "The public page's table by service category as CSV (small numbers hidden)")
  public Response categoriesCsv(@QueryParam("period") String period) {
    Period p = period(period, statistics);
    Words w = web.words();
    List<List<String>> rows = new ArrayList<>();
    for (CategoryLine l : categoryLines(p, w)) {
      rows.add(
          List.of(l.code(), l.name(), l.deposited(), l.services(), l.redeemed(), l.redemptions()));
    }
    return Csv.download(
        "tbx-categories-" + p.parameter() + ".csv",
        List.of(
            "code",
            w.get("col_category"),
            w.get("col_deposited"),
            w.get("col_services"),
            w.get("col_redeemed"),
            w.get("col_redemptions")),
        rows);
  }

  /**
   * @throws PageException 400 naming the value when it is not one of the offered periods
   */
  static Period period(String text, Statistics statistics) {
    if (text == null || text.isEmpty()) {
      return Period.lastDays(30, statistics.today());
    }
    return Period.parse(text, statistics.today())
        .orElseThrow(() -> new PageException(400, "err_period", text));
  }

  private List<ProvinceLine> provinceLines(Period p, Words w) {
    String hidden = w.get("hidden");
    List<ProvinceLine> lines = new ArrayList<>();
    for (Statistics.ProvinceRow r : statistics.provinces(p)) {
      String name = Provinces.name(r.provinceCode(), w.chinese());
      lines.add(
          r.hidden()
              ? new ProvinceLine(
                  r.provinceCode(), name, w.num(r.banks()), hidden, hidden, hidden, hidden)
              : new ProvinceLine(
                  r.provinceCode(),
                  name,
                  w.num(r.banks()),
                  w.num(r.registered()),
                  w.num(r.active()),
                  w.hours(r.depositedMinutes()),
                  w.hours(r.redeemedMinutes())));
    }
    return lines;
  }

  private List<CategoryLine> categoryLines(Period p, Words w) {
    String hidden = w.get("hidden");
    List<CategoryLine> lines = new ArrayList<>();
    for (Statistics.CategoryRow r : statistics.categories(p)) {
      String name =
          Rulebooks.current()
              .category(r.category())
              .map(c -> w.chinese() ? c.nameZh() : c.nameEn())
              .orElse(r.category());
      lines.add(
          r.hidden()
              ? new CategoryLine(r.category(), name, hidden, hidden, hidden, hidden)
              : new CategoryLine(
                  r.category(),
                  name,
                  w.hours(r.depositedMinutes()),
                  w.num(r.deposits()),
                  w.hours(r.redeemedMinutes()),
                  w.num(r.redemptions())));
    }
    return lines;
  }

  private List<AgeLine> ageLines(Period p, Words w) {
    List<AgeLine> lines = new ArrayList<>();
    for (Statistics.AgeBandRow r : statistics.ageBands(p)) {
      lines.add(
          new AgeLine(
              r.band(),
              w.get("age_band_" + r.band()),
              r.hidden() ? w.get("hidden") : w.num(r.people())));
    }
    return lines;
  }

  private List<FlowLine> flowLines(Words w) {
    List<FlowLine> lines = new ArrayList<>();
    for (Statistics.ProvinceFlow f : statistics.provinceFlows()) {
      if (f.earnedIn().equals(f.spentIn())) {
        continue;
      }
      lines.add(
          new FlowLine(
              Provinces.name(f.earnedIn(), w.chinese()),
              Provinces.name(f.spentIn(), w.chinese()),
              f.hidden() ? w.get("hidden") : w.hours(f.minutes()),
              f.hidden() ? w.get("hidden") : w.num(f.redemptions())));
    }
    return lines;
  }
}
