package org.tbx.hub;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.settlement.SettlementService;
import org.tbx.hub.statistics.Period;
import org.tbx.hub.statistics.SettlementSnapshot;
import org.tbx.hub.statistics.Statistics;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.RedemptionSettled;

/**
 * Every indicator of the pages, recomputed here from the raw ledger rows (transfers, volunteers,
 * holds, quarantine, reconciliations, checkpoints) and compared with what the statistics module
 * reads from its daily totals and snapshot.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class StatisticsTest {

  @Inject Statistics statistics;
  @Inject SettlementSnapshot snapshot;
  @Inject DataSource dataSource;

  @BeforeAll
  static void operator() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void everyIndicatorEqualsItsRecomputationFromTheRawRows() {
    try (NodeTraffic a = new NodeTraffic("stats-a");
        NodeTraffic b = new NodeTraffic("stats-b")) {
      Person p = new Person();
      a.publish(a.enrolHome(p), a.deposit(p.id, 240), a.deposit(p.id, 60));
      LedgerFlowsTest.awaitBalance(p.id, 300, 300);
      String r = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(p), b.redeem(p, r, 90));
      String hold = LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "PENDING");
      b.publish(b.next(new RedemptionSettled(r, hold, 90)));
      LedgerFlowsTest.awaitRedemption(r, "SETTLED", "POSTED");
    }
    Jdbc jdbc = new Jdbc(dataSource);
    Period period = Period.lastDays(30, statistics.today());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              snapshot.refreshNow();
              Statistics.Overview o = statistics.overview(period);
              Instant now = Instant.now();
              assertEquals(
                  jdbc.number("select count(*) from volunteer"),
                  o.get("volunteers_registered").value(),
                  "registered");
              Instant since = now.minus(Duration.ofDays(90));
              assertEquals(
                  jdbc.number(
                      "select count(distinct v) from ("
                          + " select debit_account_id as v from transfer where created_at >= ?"
                          + " union select credit_account_id from transfer where created_at >= ?"
                          + " union select debit_account_id from hold where created_at >= ?"
                          + "   or resolved_at >= ?) x where v like 'volunteer:%'",
                      since, since, since, since),
                  o.get("volunteers_active").value(),
                  "active");
              for (String[] k :
                  new String[][] {
                    {"minutes_deposited", "SERVICE_RECORDED"},
                    {"minutes_redeemed", "REDEMPTION_SETTLED,BENEFIT_REDEEMED"}
                  }) {
                assertEquals(minutes(jdbc, k[1], period), o.get(k[0]).value(), k[0]);
                assertEquals(minutes(jdbc, k[1], period.previous()), o.get(k[0]).previous(), k[0]);
                assertEquals(
                    minutes(jdbc, k[1], period.yearBefore()), o.get(k[0]).yearBefore(), k[0]);
              }
              long outstanding =
                  jdbc.number(
                      "select coalesce(sum(case when credit_account_id = a then amount_minutes else"
                          + " -amount_minutes end), 0) from (select credit_account_id as a,"
                          + " credit_account_id, amount_minutes from transfer union all select"
                          + " debit_account_id, credit_account_id, amount_minutes from transfer) t"
                          + " where a like 'volunteer:%' or a like 'pool:%'");
              assertEquals(outstanding, o.get("minutes_outstanding").value(), "outstanding");
              assertEquals(
                  outstanding,
                  statistics.ageing().stream().mapToLong(Long::longValue).sum(),
                  "the age bands share out the outstanding minutes");
              Instant year = now.minus(Duration.ofDays(365));
              assertEquals(
                  jdbc.number(
                      "select count(*) from (select a, sum(c) - sum(d) as balance, max(at) as last"
                          + " from (select credit_account_id as a, amount_minutes as c, 0 as d,"
                          + " created_at as at from transfer union all select debit_account_id, 0,"
                          + " amount_minutes, created_at from transfer union all select"
                          + " debit_account_id, 0, 0, greatest(created_at, coalesce(resolved_at,"
                          + " created_at)) from hold) x where a like 'volunteer:%' group by a) y"
                          + " where balance > 0 and last < ?",
                      year),
                  o.get("dormant_accounts").value(),
                  "dormant");
              long funds = jdbc.number("select coalesce(sum(fund_minutes), 0) from guarantee_fund");
              assertEquals(
                  outstanding == 0 ? null : funds * 1000 / outstanding,
                  o.get("guarantee_coverage").value(),
                  "coverage");
              long redeemed =
                  jdbc.number(
                      "select coalesce(sum(amount_minutes), 0) from transfer where debit_account_id"
                          + " like 'volunteer:%' and credit_account_id like 'bank:%:honoured'");
              SettlementService.Report report = snapshot.current();
              // Every spend at a bank (a settled redemption, a benefit) against which bank's
              // minutes were spent, FIFO (LotBookTest, SettlementTest): the cross-bank part is the
              // settlement's gross obligation.
              assertEquals(
                  redeemed == 0 ? null : report.grossObligationMinutes() * 1000 / redeemed,
                  o.get("cross_region_share").value(),
                  "cross-region share");
              assertEquals(
                  jdbc.number("select count(*) from node"),
                  o.get("banks_registered").value(),
                  "banks");
              assertEquals(
                  jdbc.number(
                      "select count(*) from node_stream where updated_at > ?",
                      now.minus(Duration.ofHours(24))),
                  o.get("banks_live").value(),
                  "live");
              assertEquals(
                  jdbc.number("select count(*) from quarantined_record where released_at is null"),
                  o.get("quarantined_open").value(),
                  "quarantined");
              assertEquals(
                  jdbc.number(
                      "select count(*) from reconciliation_difference d join reconciliation r"
                          + " using (statement_id) where r.reconciled_at = (select max(x.reconciled_at)"
                          + " from reconciliation x where x.node_id = r.node_id)"),
                  o.get("reconciliation_differences").value(),
                  "reconciliation differences");
              // The newest checkpoint is the largest tree (a test that moved the clock may have
              // signed an older one "later").
              long newest =
                  jdbc.number(
                      "select signed_at from log_checkpoint order by tree_size desc limit 1");
              assertTrue(newest > 0, "a checkpoint was signed");
              long age = Math.max(0, (now.toEpochMilli() - newest) / 1000);
              assertTrue(
                  Math.abs(age - o.get("checkpoint_age").value()) <= 2, "checkpoint age " + age);
            });
  }

  @Test
  void byServiceCategoryAndByAgeEveryRowEqualsWhatTheBanksSentAndTheRawRows() {
    Person p = new Person();
    List<String> banks;
    try (NodeTraffic a = new NodeTraffic("stats-cat");
        NodeTraffic b = new NodeTraffic("stats-age")) {
      banks = List.of(a.nodeId, b.nodeId);
      a.publish(a.enrolHome(p), a.deposit(p.id, 50), a.deposit(p.id, 70));
      LedgerFlowsTest.awaitBalance(p.id, 120, 120);
      String r = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(p), b.redeem(p, r, 40));
      String hold = LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "PENDING");
      b.publish(b.next(new RedemptionSettled(r, hold, 30)));
      LedgerFlowsTest.awaitRedemption(r, "SETTLED", "POSTED");
    }
    Jdbc jdbc = new Jdbc(dataSource);
    // Each bank's daily totals by category hold exactly what it sent: two meal-assistance
    // deposits at one, a medical escort settled for 30 minutes at the other.
    assertEquals(
        List.of("MEAL_ASSIST DEPOSITED 120/2", "MEDICAL_ESCORT REDEEMED 30/1"),
        jdbc.list(
            "select category, flow, sum(minutes) as m, sum(records) as n from service_daily"
                + " where node_id in (?, ?) group by 1, 2 order by 1, 2",
            rs ->
                rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + "/" + rs.getLong(4),
            banks.get(0),
            banks.get(1)));
    Period period = Period.lastDays(30, statistics.today());
    for (Statistics.CategoryRow row : statistics.categories(period)) {
      for (String[] flow : new String[][] {{"DEPOSITED", "0"}, {"REDEEMED", "1"}}) {
        long minutes =
            jdbc.number(
                "select coalesce(sum(minutes), 0) from service_daily where category = ? and flow = ?"
                    + " and day >= ? and day < ?",
                row.category(),
                flow[0],
                period.from(),
                period.to());
        assertEquals(
            minutes,
            flow[1].equals("0") ? row.depositedMinutes() : row.redeemedMinutes(),
            row.category() + " " + flow[0]);
      }
    }
    // Elders served by age: each beneficiary once, at the age kept with their latest redemption
    // settled in the period, recomputed here from the holds and redemptions.
    Map<String, Instant> latest = new TreeMap<>();
    Map<String, Integer> ages = new TreeMap<>();
    jdbc.list(
        "select r.node_id, r.beneficiary_ref, coalesce(r.beneficiary_age, -1) as age, h.resolved_at"
            + " from hold h join redemption r on r.redemption_id = h.redemption_id"
            + " where h.state = 'POSTED' and h.used_minutes > 0 and r.beneficiary_ref is not null"
            + " and h.resolved_at >= ? and h.resolved_at < ?",
        rs -> {
          String who = rs.getString(1) + "/" + rs.getString(2);
          Instant at = Jdbc.instant(rs, "resolved_at");
          if (!latest.containsKey(who) || at.isAfter(latest.get(who))) {
            latest.put(who, at);
            ages.put(who, rs.getInt("age"));
          }
          return who;
        },
        period.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
        period.to().atStartOfDay(ZoneOffset.UTC).toInstant());
    Map<String, Long> bands = new TreeMap<>();
    ages.forEach(
        (who, age) -> {
          String band =
              age < 0
                  ? "UNKNOWN"
                  : age < 60
                      ? "UNDER_60"
                      : age >= 90 ? "90_PLUS" : age / 10 * 10 + "_" + (age / 10 * 10 + 9);
          bands.merge(band, 1L, Long::sum);
        });
    Map<String, Long> shown = new TreeMap<>();
    statistics.ageBands(period).stream()
        .filter(row -> row.people() > 0)
        .forEach(row -> shown.put(row.band(), row.people()));
    assertEquals(bands, shown);
    assertTrue(bands.getOrDefault("70_79", 0L) >= 1, "the mother born in 1948 " + bands);
    assertEquals((long) latest.size(), statistics.overview(period).get("elders_served").value());
  }

  @Test
  void theDailyTotalsKeptByEachPostingEqualTheTransfersGroupedByDayBankAndCode() {
    try (NodeTraffic a = new NodeTraffic("daily")) {
      Person p = new Person();
      a.publish(a.enrolHome(p), a.deposit(p.id, 45), a.deposit(p.id, 15));
      LedgerFlowsTest.awaitBalance(p.id, 60, 60);
    }
    Jdbc jdbc = new Jdbc(dataSource);
    Map<String, String> raw = new TreeMap<>();
    jdbc.list(
        "select (created_at at time zone 'UTC')::date as day, node_id, code,"
            + " sum(amount_minutes) as m, count(*) as n from transfer group by 1, 2, 3",
        rs ->
            raw.put(
                rs.getString("day") + " " + rs.getString("node_id") + " " + rs.getString("code"),
                rs.getLong("m") + "/" + rs.getLong("n")));
    Map<String, String> kept = new TreeMap<>();
    jdbc.list(
        "select day, node_id, code, minutes, transfers from ledger_daily",
        rs ->
            kept.put(
                rs.getString("day") + " " + rs.getString("node_id") + " " + rs.getString("code"),
                rs.getLong("minutes") + "/" + rs.getLong("transfers")));
    assertEquals(raw, kept);
    assertTrue(raw.size() > 0);
  }

  @Test
  void eachBanksRowEqualsItsRowsInTheLedger() {
    Jdbc jdbc = new Jdbc(dataSource);
    Period period = Period.lastDays(7, statistics.today());
    for (Statistics.BankRow row : statistics.banks(period)) {
      assertEquals(
          jdbc.number("select count(*) from volunteer where home_node_id = ?", row.nodeId()),
          row.registered(),
          row.nodeId());
      assertEquals(
          jdbc.number(
              "select coalesce(sum(amount_minutes), 0) from transfer where node_id = ? and code ="
                  + " 'SERVICE_RECORDED' and (created_at at time zone 'UTC')::date >= ? and"
                  + " (created_at at time zone 'UTC')::date < ?",
              row.nodeId(),
              period.from(),
              period.to()),
          row.depositedMinutes(),
          row.nodeId());
      assertEquals(
          jdbc.number(
              "select coalesce(sum(amount_minutes), 0) from transfer where node_id = ? and code in"
                  + " ('REDEMPTION_SETTLED', 'BENEFIT_REDEEMED') and (created_at at time zone 'UTC')::date >= ?"
                  + " and (created_at at time zone 'UTC')::date < ?",
              row.nodeId(),
              period.from(),
              period.to()),
          row.redeemedMinutes(),
          row.nodeId() + " redeemed");
    }
    List<Statistics.BankRow> rows = statistics.banks(period);
    assertEquals(jdbc.number("select count(*) from node"), rows.size());
  }

  /**
   * @param codes the transfer codes, comma-separated
   */
  private static long minutes(Jdbc jdbc, String codes, Period p) {
    LocalDate from = p.from();
    LocalDate to = p.to();
    return jdbc.number(
        "select coalesce(sum(amount_minutes), 0) from transfer where code = any(?)"
            + " and (created_at at time zone 'UTC')::date >= ? and (created_at at time zone 'UTC')::date < ?",
        codes.split(","),
        from,
        to);
  }
}
