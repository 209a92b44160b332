package org.tbx.hub.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.log.LogAudit;
import org.tbx.hub.log.LogRepository;
import org.tbx.hub.monitor.StreamStatus;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.security.PageSessions;
import org.tbx.hub.settlement.SettlementService;
import org.tbx.hub.statistics.Period;
import org.tbx.hub.statistics.Provinces;
import org.tbx.hub.statistics.Statistics;
import org.tbx.protocol.auth.Roles;

/**
 * The regulator's console ({@code /console}, roles regulator and admin): the federation's
 * indicators, every bank, the flows between banks, quarantine, reconciliation and the transparency
 * log, each table also as CSV.
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

  /** A bank's row as the console shows it. */
  @TemplateData
  public record BankLine(
      String nodeId,
      String name,
      String region,
      String registered,
      String active,
      String deposited,
      String redeemed,
      String outstanding,
      String fund,
      String coverage,
      String net,
      String alerts,
      String lastBatch) {

    List<String> cells() {
      return List.of(
          nodeId,
          name,
          region,
          registered,
          active,
          deposited,
          redeemed,
          outstanding,
          fund,
          coverage,
          net,
          alerts,
          lastBatch);
    }
  }

  /** A bank-to-bank flow as the console shows it. */
  @TemplateData
  public record FlowLine(
      String earnedAt, String spentAt, long minutes, String hours, String redemptions) {}

  @Location("console.html")
  Template overviewPage;

  @Location("bank.html")
  Template bankPage;

  @Location("flows.html")
  Template flowsPage;

  private final WebContext web;
  private final Statistics statistics;
  private final StreamStatus streams;
  private final NodeRegistry registry;
  private final Quarantine quarantine;
  private final ReconciliationRepository reconciliations;
  private final LogRepository log;
  private final LogAudit audit;

  ConsolePages(
      WebContext web,
      Statistics statistics,
      StreamStatus streams,
      NodeRegistry registry,
      Quarantine quarantine,
      ReconciliationRepository reconciliations,
      LogRepository log,
      LogAudit audit) {
    this.web = web;
    this.statistics = statistics;
    this.streams = streams;
    this.registry = registry;
    this.quarantine = quarantine;
    this.reconciliations = reconciliations;
    this.log = log;
    this.audit = audit;
  }

  @GET
  @Operation(
      hidden = true,
      summary = "The regulator's console: indicators, banks, quarantine, reconciliation, log")
  public TemplateInstance overview(
      @QueryParam("period") String period, @QueryParam("province") String province) {
    PageSessions.Session who = web.require(Roles.REGULATOR, Roles.ADMIN);
    Period p = PublicPage.period(period, statistics);
    String only = province(province);
    Words w = web.words();
    Statistics.Overview overview = statistics.overview(p);
    List<Option> provinces = new ArrayList<>();
    provinces.add(new Option("", w.get("all_provinces"), only.isEmpty()));
    for (Statistics.ProvinceRow r : statistics.provinces(p)) {
      provinces.add(
          new Option(
              r.provinceCode(),
              Provinces.name(r.provinceCode(), w.chinese()),
              r.provinceCode().equals(only)));
    }
    return web.page(overviewPage.instance(), w.get("console_title"))
        .data("tiles", Tile.of(overview, w, false))
        .data("overview", overview)
        .data("periods", Period.CHOICES)
        .data("period", p)
        .data("banks", bankLines(p, w, only))
        .data("provinces", provinces)
        .data("province", only)
        .data("ageing", Tile.ageing(statistics.ageing(), w))
        .data("reasons", quarantine.openByReason())
        .data("kinds", reconciliations.latestDifferencesByKind())
        .data("logSize", w.num(log.size()))
        .data("checkpoint", log.latestCheckpoint().orElse(null))
        .data("audit", audit.last().orElse(null))
        .data(
            "auditLine",
            audit
                .last()
                .map(
                    a ->
                        w.get(
                            "audit_result",
                            w.time(a.at()),
                            w.num(a.report().checkedLeaves()),
                            w.get(a.report().clean() ? "audit_clean" : "audit_dirty")))
                .orElse(""))
        .data("admin", who.role().equals(Roles.ADMIN));
  }

  @GET
  @Path("banks/{nodeId}")
  @Operation(
      hidden = true,
      summary = "One bank on the console: stream, keys, quarantine, reconciliation, settlement")
  public TemplateInstance bank(@PathParam("nodeId") String nodeId) {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    if (nodeId.length() > 64 || !registry.exists(nodeId)) {
      throw new PageException(
          404, "err_bank_unknown", nodeId.length() > 64 ? nodeId.substring(0, 64) : nodeId);
    }
    Words w = web.words();
    Period p = Period.lastDays(30, statistics.today());
    BankLine line =
        bankLines(p, w, "").stream()
            .filter(b -> b.nodeId().equals(nodeId))
            .findFirst()
            .orElseThrow();
    Optional<StreamStatus.Status> stream = streams.of(nodeId);
    return web.page(bankPage.instance(), w.get("bank_title", nodeId))
        .data("bank", line)
        .data("stream", stream.orElse(null))
        .data(
            "streamLine",
            stream
                .map(
                    s ->
                        w.get(
                            "stream_state",
                            s.suspendedReason() == null ? "OK" : s.suspendedReason(),
                            w.num(s.lastSequence()),
                            s.lagRecords() == null ? "?" : w.num(s.lagRecords())))
                .orElse(""))
        .data("keys", registry.keys(nodeId))
        .data("quarantined", quarantine.list(nodeId, 0, 20).items())
        .data("reconciliations", reconciliations.list(nodeId, 0, 10).items());
  }

  @GET
  @Path("flows")
  @Operation(
      hidden = true,
      summary = "Minutes earned at one bank and spent at another: a heatmap and its table")
  public TemplateInstance flows() {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    Words w = web.words();
    List<FlowLine> lines = flowLines(w);
    TreeSet<String> banks = new TreeSet<>();
    StringBuilder cells = new StringBuilder("[");
    lines.forEach(
        f -> {
          banks.add(f.earnedAt());
          banks.add(f.spentAt());
        });
    List<String> order = new ArrayList<>(banks);
    for (FlowLine f : lines) {
      if (cells.length() > 1) {
        cells.append(',');
      }
      cells
          .append('[')
          .append(order.indexOf(f.spentAt()))
          .append(',')
          .append(order.indexOf(f.earnedAt()))
          .append(',')
          .append(f.minutes() / 60.0)
          .append(']');
    }
    cells.append(']');
    StringBuilder names = new StringBuilder("[");
    for (String b : order) {
      names
          .append(names.length() > 1 ? "," : "")
          .append('"')
          .append(b.replace("\"", ""))
          .append('"');
    }
    names.append(']');
    return web.page(flowsPage.instance(), w.get("flows_title"))
        .data("flows", lines)
        .data("banksJson", names.toString())
        .data("cellsJson", cells.toString())
        .data("echartsLocale", w.chinese() ? "ZH" : "EN");
  }

  @POST
  @Path("audit")
  @Operation(
      hidden = true,
      summary = "Run the log audit (admin, form with the session's CSRF value)")
  public Response runAudit(@FormParam("csrf") String csrf) {
    PageSessions.Session who = web.require(Roles.ADMIN);
    web.checkCsrf(who, csrf);
    audit.run();
    return Response.seeOther(URI.create("/console#log")).build();
  }

  @GET
  @Path("banks.csv")
  @Produces("text/csv")
  @Operation(hidden = true, summary = "The console's banks table as CSV")
  public Response banksCsv(
      @QueryParam("period") String period, @QueryParam("province") String province) {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    Words w = web.words();
    Period p = PublicPage.period(period, statistics);
    String only = province(province);
    return Csv.download(
        "tbx-banks-" + p.parameter() + ".csv",
        words(
            w,
            "col_bank",
            "col_bank",
            "col_region",
            "col_registered",
            "col_active",
            "col_deposited",
            "col_redeemed",
            "col_outstanding",
            "col_fund",
            "col_coverage",
            "col_net",
            "col_alerts",
            "col_last_batch"),
        bankLines(p, w, only).stream().map(BankLine::cells).toList());
  }

  @GET
  @Path("flows.csv")
  @Produces("text/csv")
  @Operation(hidden = true, summary = "The flows between banks as CSV")
  public Response flowsCsv() {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    Words w = web.words();
    return Csv.download(
        "tbx-flows.csv",
        words(w, "col_earned", "col_spent", "col_minutes", "col_redemptions"),
        flowLines(w).stream()
            .map(f -> List.of(f.earnedAt(), f.spentAt(), f.hours(), f.redemptions()))
            .toList());
  }

  @GET
  @Path("quarantine.csv")
  @Produces("text/csv")
  @Operation(hidden = true, summary = "Records in quarantine by reason as CSV")
  public Response quarantineCsv() {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    Words w = web.words();
    return Csv.download(
        "tbx-quarantine.csv",
        words(w, "col_reason", "col_records", "col_oldest"),
        quarantine.openByReason().stream()
            .map(r -> List.of(r.reasonCode(), w.num(r.records()), w.time(r.oldest())))
            .toList());
  }

  @GET
  @Path("reconciliation.csv")
  @Produces("text/csv")
  @Operation(
      hidden = true,
      summary = "Differences of the banks' latest reconciliations by kind as CSV")
  public Response reconciliationCsv() {
    web.require(Roles.REGULATOR, Roles.ADMIN);
    Words w = web.words();
    return Csv.download(
        "tbx-reconciliation.csv",
        words(w, "col_kind", "col_differences", "col_oldest"),
        reconciliations.latestDifferencesByKind().stream()
            .map(k -> List.of(k.kind(), w.num(k.differences()), w.time(k.oldest())))
            .toList());
  }

  /**
   * @return the province filter: empty for all, else a province's six-digit code
   * @throws PageException 400 naming the value when it is not a province code
   */
  private static String province(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (!value.matches("[1-8][0-9]0000") && !value.equals(Provinces.UNKNOWN)) {
      throw new PageException(
          400, "err_province", value.length() > 20 ? value.substring(0, 20) : value);
    }
    return value;
  }

  /** A choice of a select. */
  @TemplateData
  public record Option(String value, String label, boolean selected) {}

  private List<BankLine> bankLines(Period p, Words w, String province) {
    List<BankLine> lines = new ArrayList<>();
    for (Statistics.BankRow b : statistics.banks(p)) {
      if (!province.isEmpty() && !b.provinceCode().equals(province)) {
        continue;
      }
      lines.add(
          new BankLine(
              b.nodeId(),
              b.profile()
                  .map(x -> w.chinese() ? x.nameZh() : x.nameEn())
                  .orElse(w.get("no_profile")),
              b.profile()
                  .map(x -> x.regionCode() + " " + Provinces.name(x.provinceCode(), w.chinese()))
                  .orElse(""),
              w.num(b.registered()),
              w.num(b.active()),
              w.hours(b.depositedMinutes()),
              w.hours(b.redeemedMinutes()),
              w.hours(b.outstandingMinutes()),
              b.guaranteeFundMinutes() == null ? w.get("none") : w.hours(b.guaranteeFundMinutes()),
              b.coveragePermille() == null
                  ? w.get("not_comparable")
                  : w.percent((long) b.coveragePermille()),
              w.hours(b.netMinutes()),
              String.join(" ", b.alerts()),
              w.time(b.lastBatchAt())));
    }
    return lines;
  }

  private List<FlowLine> flowLines(Words w) {
    return statistics.bankFlows().stream()
        .map(
            (SettlementService.Flow f) ->
                new FlowLine(
                    f.earnedAt(),
                    f.spentAt(),
                    f.minutes(),
                    w.hours(f.minutes()),
                    w.num(f.redemptions())))
        .toList();
  }

  private static List<String> words(Words w, String... keys) {
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      out.add(w.get(k));
    }
    return out;
  }
}
