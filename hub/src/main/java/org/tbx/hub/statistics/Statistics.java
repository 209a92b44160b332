package org.tbx.hub.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tbx.hub.ledger.DailyTotals;
import org.tbx.hub.ledger.ServiceTally;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.hub.log.LogRepository;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.redemption.RedemptionRepository;
import org.tbx.hub.registry.BankDirectory;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.settlement.SettlementService;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.rules.Rulebooks;

/**
 * The federation's indicators, each defined once (hub README "Statistics"): read from the daily
 * totals kept by every posting, the volunteer and account tables' indexes and the settlement
 * snapshot, never by scanning the transfers per page view.
 */
@ApplicationScoped
public class Statistics {

  /** A volunteer counts as active after a posting or a hold within this many days. */
  public static final int ACTIVE_DAYS = 90;

  /** An account with minutes and no posting or hold for this many days is dormant. */
  public static final int DORMANT_DAYS = 365;

  /** The transfer codes of minutes deposited: credited to a volunteer for a service. */
  public static final Set<String> DEPOSITED = Set.of(TransferCode.SERVICE_RECORDED.name());

  /** The transfer codes of minutes redeemed: spent at a bank on a service or a benefit. */
  public static final Set<String> REDEEMED =
      Set.of(TransferCode.REDEMPTION_SETTLED.name(), TransferCode.BENEFIT_REDEEMED.name());

  /** A bank counts as live after a batch accepted within this time. */
  public static final Duration LIVE_WITHIN = Duration.ofHours(24);

  /** The federation's numbers for a period, and when they were read. */
  public record Overview(
      Period period, Instant generatedAt, Instant settlementAt, List<Indicator> indicators) {

    /**
     * @return the indicator of that key
     */
    public Indicator get(String key) {
      return indicators.stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }
  }

  /** One bank's numbers for a period. */
  public record BankRow(
      String nodeId,
      Optional<BankDirectory.Profile> profile,
      long registered,
      long active,
      long depositedMinutes,
      long redeemedMinutes,
      long outstandingMinutes,
      Long guaranteeFundMinutes,
      Integer coveragePermille,
      long netMinutes,
      List<String> alerts,
      Instant lastBatchAt) {

    /**
     * @return the province code of the bank, {@link Provinces#UNKNOWN} without a profile
     */
    public String provinceCode() {
      return profile.map(BankDirectory.Profile::provinceCode).orElse(Provinces.UNKNOWN);
    }
  }

  /** One province's numbers, or all hidden when it describes too few people. */
  public record ProvinceRow(
      String provinceCode,
      int banks,
      long registered,
      long active,
      long depositedMinutes,
      long redeemedMinutes,
      boolean hidden) {}

  /**
   * One service category's minutes for a period, hidden on the public page when fewer than {@link
   * SmallCells#THRESHOLD} records make it.
   *
   * @param deposits service records credited
   * @param redemptions redemptions settled
   */
  public record CategoryRow(
      String category,
      long depositedMinutes,
      long deposits,
      long redeemedMinutes,
      long redemptions,
      boolean hidden) {}

  /** Elders served in a period within an age band, hidden when fewer than ten. */
  public record AgeBandRow(String band, long people, boolean hidden) {}

  /** The age bands of elders served, youngest first, then those whose age is not known. */
  public static final List<String> AGE_BANDS =
      List.of("UNDER_60", "60_69", "70_79", "80_89", "90_PLUS", "UNKNOWN");

  /** Minutes earned in one province and spent in another, hidden when too few redemptions. */
  public record ProvinceFlow(
      String earnedIn, String spentIn, long minutes, long redemptions, boolean hidden) {}

  private final DailyTotals daily;
  private final VolunteerRepository volunteers;
  private final NodeRegistry registry;
  private final BankDirectory directory;
  private final Quarantine quarantine;
  private final ReconciliationRepository reconciliations;
  private final LogRepository log;
  private final SettlementSnapshot settlement;
  private final RedemptionRepository redemptions;
  private final Clock clock;

  Statistics(
      DailyTotals daily,
      VolunteerRepository volunteers,
      NodeRegistry registry,
      BankDirectory directory,
      Quarantine quarantine,
      ReconciliationRepository reconciliations,
      LogRepository log,
      SettlementSnapshot settlement,
      RedemptionRepository redemptions,
      Clock clock) {
    this.redemptions = redemptions;
    this.daily = daily;
    this.volunteers = volunteers;
    this.registry = registry;
    this.directory = directory;
    this.quarantine = quarantine;
    this.reconciliations = reconciliations;
    this.log = log;
    this.settlement = settlement;
    this.clock = clock;
  }

  /**
   * @return today by the hub's clock, in UTC
   */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * @return every indicator for the period
   */
  public Overview overview(Period period) {
    Instant now = clock.instant();
    SettlementService.Report report = settlement.current();
    List<Indicator> list = new ArrayList<>();
    list.add(Indicator.now("volunteers_registered", "people", sum(volunteers.registeredByHome())));
    list.add(
        Indicator.now(
            "volunteers_active",
            "people",
            daily.activeVolunteerAccounts(now.minus(Duration.ofDays(ACTIVE_DAYS)))));
    list.add(flow("minutes_deposited", DEPOSITED, period));
    list.add(flow("minutes_redeemed", REDEEMED, period));
    list.add(
        new Indicator(
            "elders_served",
            "people",
            eldersServed(period),
            eldersServed(period.previous()),
            eldersServed(period.yearBefore())));
    long outstanding =
        report.positions().stream().mapToLong(SettlementService.Position::outstandingMinutes).sum();
    long funds = registry.guaranteeFunds().values().stream().mapToLong(Long::longValue).sum();
    list.add(Indicator.now("minutes_outstanding", "minutes", outstanding));
    list.add(
        Indicator.now(
            "dormant_accounts",
            "people",
            daily.dormantVolunteerAccounts(now.minus(Duration.ofDays(DORMANT_DAYS)))));
    list.add(
        Indicator.now(
            "guarantee_coverage",
            "permille",
            outstanding == 0 ? null : funds * 1000 / outstanding));
    long redeemed = 0;
    long crossRegion = 0;
    for (SettlementService.Flow f : report.flows()) {
      redeemed += f.minutes();
      if (!f.earnedAt().equals(f.spentAt())) {
        crossRegion += f.minutes();
      }
    }
    list.add(
        Indicator.now(
            "cross_region_share",
            "permille",
            redeemed == 0 ? null : crossRegion * 1000 / redeemed));
    Map<String, Instant> last = registry.lastBatches();
    list.add(Indicator.now("banks_registered", "banks", (long) last.size()));
    list.add(
        Indicator.now(
            "banks_live",
            "banks",
            last.values().stream()
                .filter(at -> at != null && at.isAfter(now.minus(LIVE_WITHIN)))
                .count()));
    list.add(
        Indicator.now(
            "quarantined_open",
            "records",
            quarantine.openByReason().stream().mapToLong(Quarantine.ReasonCount::records).sum()));
    list.add(
        Indicator.now(
            "reconciliation_differences",
            "records",
            reconciliations.latestDifferencesByKind().stream()
                .mapToLong(ReconciliationRepository.KindCount::differences)
                .sum()));
    list.add(
        Indicator.now(
            "checkpoint_age",
            "seconds",
            log.latestCheckpoint()
                .map(
                    c ->
                        Math.max(
                            0,
                            Duration.between(Instant.ofEpochMilli(c.timestamp()), now).toSeconds()))
                .orElse(null)));
    return new Overview(period, now, report.to(), list);
  }

  /**
   * @return each registered bank's numbers for the period, by node id
   */
  public List<BankRow> banks(Period period) {
    Instant now = clock.instant();
    Map<String, Long> registered = volunteers.registeredByHome();
    Map<String, Long> active = volunteers.activeByHome(now.minus(Duration.ofDays(ACTIVE_DAYS)));
    Map<String, long[]> flows = new TreeMap<>();
    for (DailyTotals.Total t : daily.between(period.from(), period.to())) {
      long[] f = flows.computeIfAbsent(t.nodeId(), k -> new long[2]);
      if (DEPOSITED.contains(t.code())) {
        f[0] += t.minutes();
      } else if (REDEEMED.contains(t.code())) {
        f[1] += t.minutes();
      }
    }
    Map<String, SettlementService.Position> positions = new TreeMap<>();
    settlement.current().positions().forEach(p -> positions.put(p.nodeId(), p));
    Map<String, BankDirectory.Profile> profiles = new TreeMap<>();
    directory.all().forEach(p -> profiles.put(p.nodeId(), p));
    Map<String, Long> funds = registry.guaranteeFunds();
    List<BankRow> rows = new ArrayList<>();
    registry
        .lastBatches()
        .forEach(
            (node, lastBatch) -> {
              long[] f = flows.getOrDefault(node, new long[2]);
              SettlementService.Position p = positions.get(node);
              rows.add(
                  new BankRow(
                      node,
                      Optional.ofNullable(profiles.get(node)),
                      registered.getOrDefault(node, 0L),
                      active.getOrDefault(node, 0L),
                      f[0],
                      f[1],
                      p == null ? 0 : p.outstandingMinutes(),
                      funds.get(node),
                      p == null ? null : p.coveragePermille(),
                      p == null ? 0 : p.netMinutes(),
                      p == null ? List.of() : p.alerts(),
                      lastBatch));
            });
    return rows;
  }

  /**
   * @return each province's numbers, small ones hidden by {@link SmallCells}
   */
  public List<ProvinceRow> provinces(Period period) {
    Map<String, long[]> sums = new TreeMap<>();
    for (BankRow b : banks(period)) {
      long[] s = sums.computeIfAbsent(b.provinceCode(), k -> new long[5]);
      s[0]++;
      s[1] += b.registered();
      s[2] += b.active();
      s[3] += b.depositedMinutes();
      s[4] += b.redeemedMinutes();
    }
    Map<String, Long> people = new TreeMap<>();
    sums.forEach((code, s) -> people.put(code, s[1]));
    var hidden = SmallCells.hidden(people);
    List<ProvinceRow> rows = new ArrayList<>();
    sums.forEach(
        (code, s) ->
            rows.add(
                new ProvinceRow(code, (int) s[0], s[1], s[2], s[3], s[4], hidden.contains(code))));
    return rows;
  }

  /**
   * @return minutes earned in one province and spent in another (or the same), hidden when fewer
   *     than {@link SmallCells#THRESHOLD} redemptions make them
   */
  public List<ProvinceFlow> provinceFlows() {
    Map<String, String> provinceOf = new TreeMap<>();
    directory.all().forEach(p -> provinceOf.put(p.nodeId(), p.provinceCode()));
    Map<String, long[]> sums = new TreeMap<>();
    for (SettlementService.Flow f : settlement.current().flows()) {
      String key =
          provinceOf.getOrDefault(f.earnedAt(), Provinces.UNKNOWN)
              + "\n"
              + provinceOf.getOrDefault(f.spentAt(), Provinces.UNKNOWN);
      long[] s = sums.computeIfAbsent(key, k -> new long[2]);
      s[0] += f.minutes();
      s[1] += f.redemptions();
    }
    List<ProvinceFlow> flows = new ArrayList<>();
    sums.forEach(
        (key, s) -> {
          String[] pair = key.split("\n", 2);
          flows.add(new ProvinceFlow(pair[0], pair[1], s[0], s[1], !SmallCells.showable(s[1])));
        });
    return flows;
  }

  /**
   * @return each service category's minutes deposited and redeemed in the period, in the newest
   *     rulebook's order (a code it no longer lists last), from the daily totals by category; rows
   *     of fewer than ten records hidden by {@link SmallCells}
   */
  public List<CategoryRow> categories(Period period) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    Rulebooks.current().categories().forEach(c -> sums.put(c.code(), new long[4]));
    for (DailyTotals.CategoryTotal t : daily.byCategory(period.from(), period.to())) {
      long[] sum = sums.computeIfAbsent(t.category(), k -> new long[4]);
      int at = t.flow() == ServiceTally.Flow.DEPOSITED ? 0 : 2;
      sum[at] += t.minutes();
      sum[at + 1] += t.records();
    }
    Map<String, Long> records = new TreeMap<>();
    sums.forEach((code, sum) -> records.put(code, sum[1] + sum[3]));
    Set<String> hidden = SmallCells.hidden(records);
    List<CategoryRow> rows = new ArrayList<>();
    sums.forEach(
        (code, sum) ->
            rows.add(new CategoryRow(code, sum[0], sum[1], sum[2], sum[3], hidden.contains(code))));
    return rows;
  }

  /**
   * @return the elders served in the period (distinct beneficiaries of settled redemptions) by age
   *     band ({@link #AGE_BANDS}), small bands hidden by {@link SmallCells}
   */
  public List<AgeBandRow> ageBands(Period period) {
    Map<String, Long> people = new LinkedHashMap<>();
    AGE_BANDS.forEach(b -> people.put(b, 0L));
    beneficiariesByAge(period).forEach((age, n) -> people.merge(band(age), n, Long::sum));
    Set<String> hidden = SmallCells.hidden(people);
    List<AgeBandRow> rows = new ArrayList<>();
    people.forEach((band, n) -> rows.add(new AgeBandRow(band, n, hidden.contains(band))));
    return rows;
  }

  /**
   * @param age in whole years, -1 when not known
   * @return its band of {@link #AGE_BANDS}
   */
  static String band(int age) {
    if (age < 0) {
      return "UNKNOWN";
    }
    if (age < 60) {
      return "UNDER_60";
    }
    if (age >= 90) {
      return "90_PLUS";
    }
    int decade = age / 10 * 10;
    return decade + "_" + (decade + 9);
  }

  private long eldersServed(Period period) {
    return beneficiariesByAge(period).values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<Integer, Long> beneficiariesByAge(Period period) {
    return redemptions.beneficiariesByAge(
        period.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
        period.to().atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * @return the minutes volunteers and pools still hold, by years since issue: [0, 1), [1, 3), [3,
   *     5), 5 and more
   */
  public List<Long> ageing() {
    return settlement.current().ageingMinutes();
  }

  /**
   * @return the bank-to-bank flows of the settlement snapshot
   */
  public List<SettlementService.Flow> bankFlows() {
    return settlement.current().flows();
  }

  private Indicator flow(String key, Set<String> codes, Period period) {
    return new Indicator(
        key,
        "minutes",
        minutes(period, codes),
        minutes(period.previous(), codes),
        minutes(period.yearBefore(), codes));
  }

  private long minutes(Period period, Set<String> codes) {
    return daily.between(period.from(), period.to()).stream()
        .filter(t -> codes.contains(t.code()))
        .mapToLong(DailyTotals.Total::minutes)
        .sum();
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
