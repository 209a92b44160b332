package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tbx.infra.EmbeddedPostgresServer;

/**
 * What the fault harness checks once the load is in: every event applied exactly once, every
 * posting once, every balance and total as the load adds up, each bank's statement reconciled,
 * nothing quarantined or left in the outbox, the stream heads and the transparency log.
 */
final class FaultChecks {

  /** A check made afterwards. */
  record Check(String what, boolean passed, String found) {}

  private FaultChecks() {}

  static List<Check> run(
      EmbeddedPostgresServer pg,
      AppProcess hub,
      SandboxTokens tokens,
      List<String> nodes,
      FaultLoad load,
      String schema)
      throws Exception {
    List<Check> checks = new ArrayList<>();
    int events = load.allEvents();
    try (Connection db = connect(pg)) {
      String s = schema + ".";
      long applied =
          number(db, "select count(*) from " + s + "processed_event where outcome = 'APPLIED'");
      long all = number(db, "select count(*) from " + s + "processed_event");
      checks.add(
          new Check(
              "every event applied, each once",
              applied == events && all == events,
              String.format(
                  Locale.ROOT, "%,d applied, %,d processed of %,d", applied, all, events)));
      long deposits =
          number(db, "select count(*) from " + s + "transfer where code = 'SERVICE_RECORDED'");
      checks.add(
          new Check(
              "one deposit transfer per deposit (none posted twice)",
              deposits == load.deposits(),
              String.format(Locale.ROOT, "%,d transfers of %,d", deposits, load.deposits())));
      long gifts = number(db, "select count(*) from " + s + "transfer where code = 'HOURS_GIFTED'");
      checks.add(
          new Check(
              "one gift transfer per gift, each consent used once",
              gifts == load.gifts(),
              String.format(Locale.ROOT, "%,d transfers of %,d", gifts, load.gifts())));
      long settled =
          number(db, "select count(*) from " + s + "transfer where code = 'REDEMPTION_SETTLED'");
      long posted = number(db, "select count(*) from " + s + "hold where state = 'POSTED'");
      long holds = number(db, "select count(*) from " + s + "hold");
      checks.add(
          new Check(
              "one hold per redemption, each settled once",
              settled == load.redemptions() && posted == holds && holds == load.redemptions(),
              String.format(
                  Locale.ROOT,
                  "%,d holds, %,d settled, %,d settlement transfers of %,d",
                  holds,
                  posted,
                  settled,
                  load.redemptions())));
      long wrong = 0;
      String example = "";
      Map<String, Long> expected = load.expectedBalances();
      try (Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select id, credits_posted - debits_posted from "
                      + s
                      + "account where kind = 'VOLUNTEER'")) {
        Map<String, Long> balances = new HashMap<>();
        while (rs.next()) {
          balances.put(rs.getString(1), rs.getLong(2));
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
          long found = balances.getOrDefault("volunteer:" + e.getKey(), 0L);
          if (found != e.getValue()) {
            wrong++;
            example = e.getKey() + ": " + found + " instead of " + e.getValue();
          }
        }
      }
      checks.add(
          new Check(
              "every balance is what the load adds up to",
              wrong == 0,
              wrong == 0 ? expected.size() + " volunteers" : wrong + " differ, e.g. " + example));
      long debits = number(db, "select coalesce(sum(debits_posted), 0) from " + s + "account");
      long credits = number(db, "select coalesce(sum(credits_posted), 0) from " + s + "account");
      checks.add(
          new Check(
              "debits equal credits",
              debits == credits && debits == load.postedMinutes(),
              String.format(
                  Locale.ROOT,
                  "%,d = %,d minutes (the load moves %,d)",
                  debits,
                  credits,
                  load.postedMinutes())));
      long reconciled =
          number(
              db,
              "select count(*) from "
                  + s
                  + "reconciliation where matched and difference_count = 0");
      long statements = number(db, "select count(*) from " + s + "reconciliation");
      checks.add(
          new Check(
              "each bank's statement of its stream reconciles with the hub's ledger",
              reconciled == load.statements() && statements == load.statements(),
              String.format(
                  Locale.ROOT,
                  "%d of %d statements matched, %d reconciliations",
                  reconciled,
                  load.statements(),
                  statements)));
      long quarantined = number(db, "select count(*) from " + s + "quarantined_record");
      checks.add(
          new Check(
              "nothing quarantined (replays are harmless)",
              quarantined == 0,
              quarantined + " records"));
      long outbox = number(db, "select count(*) from " + s + "notice_outbox");
      checks.add(new Check("notice outbox empty", outbox == 0, outbox + " waiting"));
      long heads = 0;
      for (String node : nodes) {
        heads +=
            number(
                db,
                "select last_sequence from " + s + "node_stream where node_id = '" + node + "'");
      }
      checks.add(
          new Check(
              "every bank's stream head at its last sequence", heads == events, heads + " in all"));
      long leaves = number(db, "select count(*) from " + s + "log_leaf");
      checks.add(
          new Check(
              "one log leaf per event",
              leaves == events,
              String.format(Locale.ROOT, "%,d leaves", leaves)));
    }
    HttpResponse<String> settlement =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/settlement"))
                    .header("Authorization", "Bearer " + tokens.admin())
                    .timeout(Duration.ofMinutes(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> missing = new ArrayList<>();
    load.crossFlows()
        .forEach(
            (pair, minutes) -> {
              String[] banks = pair.split(" -> ");
              String flow =
                  String.format(
                      Locale.ROOT,
                      "{\"earnedAt\":\"%s\",\"spentAt\":\"%s\",\"minutes\":%d,\"redemptions\":%d}",
                      banks[0],
                      banks[1],
                      minutes,
                      minutes / FaultLoad.USED);
              if (!settlement.body().contains(flow)) {
                missing.add(flow);
              }
            });
    boolean settles =
        settlement.statusCode() == 200
            && missing.isEmpty()
            && settlement.body().contains("\"netSum\":0");
    checks.add(
        new Check(
            "visitors' redemptions settle between their banks, positions summing to zero",
            settles,
            settles
                ? load.crossFlows().size() + " flows between banks as the load made them"
                : settlement.statusCode() + ", missing " + missing + ": " + settlement.body()));
    HttpResponse<String> audit =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/log/audit"))
                    .header("Authorization", "Bearer " + tokens.admin())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    boolean clean =
        audit.statusCode() == 200
            && audit.body().contains("\"mismatches\":[]")
            && audit.body().contains("\"checkpointRootMatches\":true");
    checks.add(
        new Check(
            "transparency log audit clean",
            clean,
            clean ? "no mismatch, checkpoint root matches" : audit.body()));
    return checks;
  }

  static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
  }

  static long number(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
