package org.tbx.hub.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * The ledger's daily totals (table {@code ledger_daily}, kept by every posting): minutes and
 * transfers per day, bank and transfer code, and the sums the statistics read from them.
 */
@ApplicationScoped
public class DailyTotals {

  /** Minutes and transfers of one bank and one transfer code over some days. */
  public record Total(String nodeId, String code, long minutes, long transfers) {}

  /** Minutes and records of one service category, deposited or redeemed, over some days. */
  public record CategoryTotal(
      String category, ServiceTally.Flow flow, long minutes, long records) {}

  private final Jdbc jdbc;

  DailyTotals(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return the totals per bank and code of the days in [{@code from}, {@code to})
   */
  public List<Total> between(LocalDate from, LocalDate to) {
    return jdbc.list(
        "select node_id, code, sum(minutes) as minutes, sum(transfers) as transfers"
            + " from ledger_daily where day >= ? and day < ? group by node_id, code"
            + " order by node_id, code",
        rs ->
            new Total(
                rs.getString("node_id"),
                rs.getString("code"),
                rs.getLong("minutes"),
                rs.getLong("transfers")),
        from,
        to);
  }

  /**
   * @return the totals per service category and flow of the days in [{@code from}, {@code to})
   *     (table {@code service_daily})
   */
  public List<CategoryTotal> byCategory(LocalDate from, LocalDate to) {
    return jdbc.list(
        "select category, flow, sum(minutes) as minutes, sum(records) as records"
            + " from service_daily where day >= ? and day < ? group by category, flow"
            + " order by category, flow",
        rs ->
            new CategoryTotal(
                rs.getString("category"),
                ServiceTally.Flow.valueOf(rs.getString("flow")),
                rs.getLong("minutes"),
                rs.getLong("records")),
        from,
        to);
  }

  /**
   * @return the volunteer accounts that hold minutes and had no posting or hold since the day (UTC)
   *     of {@code since}
   */
  public long dormantVolunteerAccounts(Instant since) {
    return jdbc.number(
        "select count(*) from account where kind = 'VOLUNTEER' and active_on < ?"
            + " and credits_posted > debits_posted",
        day(since));
  }

  /**
   * @return the volunteer accounts with a posting or a hold since the day (UTC) of {@code since}
   */
  public long activeVolunteerAccounts(Instant since) {
    return jdbc.number(
        "select count(*) from account where kind = 'VOLUNTEER' and active_on >= ?", day(since));
  }

  /**
   * @return the UTC day of an instant, as accounts record their last activity
   */
  public static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
