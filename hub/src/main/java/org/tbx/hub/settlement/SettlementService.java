package org.tbx.hub.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.tbx.hub.config.HubConfig;

/**
 * Settlement positions between banks for a period. Minutes keep the bank that issued them: a volunteer's
 * (or pool's) minutes are lots by issuer, spent oldest first, and moved whole by gifts and donations.
 * When a bank honours a redemption, the issuers of the minutes spent owe it those minutes. Granted
 * minutes are issued by their grantor ({@code grant:<id>}), which then owes the banks that honour them. Each bank's net
 * position is what it is owed less what it owes, so the positions sum to exactly zero.
 */
@ApplicationScoped
public class SettlementService {

  /** One bank's figures for the period. */
  public record Position(
      String nodeId, long issuedMinutes, long honouredMinutes, long payableMinutes, long receivableMinutes,
      long netMinutes, long outstandingMinutes, Long guaranteeFundMinutes, Integer coveragePermille, List<String> alerts) {}

  /** Every bank's position, and what netting saved. */
  public record Report(
      Instant from, Instant to, List<Position> positions, long netSum, long grossObligationMinutes,
      long netObligationMinutes, int reductionPermille) {}

  private final DataSource dataSource;
  private final HubConfig config;

  SettlementService(DataSource dataSource, HubConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /** Replays every transfer up to {@code to}; counts flows within [{@code from}, {@code to}). */
  public Report report(Instant from, Instant to) throws SQLException {
    Map<String, long[]> banks = new TreeMap<>();
    Map<String, Deque<long[]>> lots = new HashMap<>();
    List<String> issuers = new ArrayList<>();
    Map<String, Integer> issuerIndex = new HashMap<>();
    long gross = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "select debit_account_id, credit_account_id, amount_minutes, created_at from transfer "
              + "where created_at < ? order by id")) {
        ps.setFetchSize(10_000);
        ps.setTimestamp(1, Timestamp.from(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String debit = rs.getString(1);
            String credit = rs.getString(2);
            long amount = rs.getLong(3);
            boolean inPeriod = !rs.getTimestamp(4).toInstant().isBefore(from);
            if (debit.endsWith(":issued") || debit.startsWith("grant:")) {
              String issuer = debit.startsWith("grant:") ? debit : bankOf(debit);
              int i = issuerIndex.computeIfAbsent(issuer, k -> {
                issuers.add(k);
                return issuers.size() - 1;
              });
              lots.computeIfAbsent(credit, k -> new ArrayDeque<>()).addLast(new long[] {i, amount});
              if (inPeriod) {
                bank(banks, issuer)[0] += amount;
              }
            } else if (credit.endsWith(":issued") || credit.startsWith("grant:")) {
              String issuer = credit.startsWith("grant:") ? credit : bankOf(credit);
              take(lots, debit, amount, issuerIndex.getOrDefault(issuer, -1));
              if (inPeriod) {
                bank(banks, issuer)[0] -= amount;
              }
            } else if (credit.endsWith(":honoured")) {
              String honouring = bankOf(credit);
              List<long[]> spent = take(lots, debit, amount, -1);
              if (inPeriod) {
                bank(banks, honouring)[1] += amount;
                for (long[] lot : spent) {
                  String issuer = issuers.get((int) lot[0]);
                  if (!issuer.equals(honouring)) {
                    bank(banks, issuer)[2] += lot[1];
                    bank(banks, honouring)[3] += lot[1];
                    gross += lot[1];
                  }
                }
              }
            } else {
              for (long[] lot : take(lots, debit, amount, -1)) {
                lots.computeIfAbsent(credit, k -> new ArrayDeque<>()).addLast(lot);
              }
            }
          }
        }
      }
      c.commit();
      long[] outstanding = new long[issuers.size()];
      lots.values().forEach(queue -> queue.forEach(lot -> outstanding[(int) lot[0]] += lot[1]));
      for (int i = 0; i < issuers.size(); i++) {
        bank(banks, issuers.get(i))[4] = outstanding[i];
      }
      return build(from, to, banks, funds(c), gross);
    }
  }

  private Report build(Instant from, Instant to, Map<String, long[]> banks, Map<String, Long> funds, long gross) {
    List<Position> positions = new ArrayList<>();
    long netSum = 0;
    long net = 0;
    for (Map.Entry<String, long[]> e : banks.entrySet()) {
      long[] f = e.getValue();
      long position = f[3] - f[2];
      netSum += position;
      net += Math.max(position, 0);
      Long fund = funds.get(e.getKey());
      Integer coverage = fund == null || f[4] == 0 ? null : (int) Math.min(Integer.MAX_VALUE, fund * 1000 / f[4]);
      List<String> alerts = new ArrayList<>();
      if (f[4] > 0 && (fund == null || coverage < config.settlement().minCoveragePermille())) {
        alerts.add(fund == null ? "NO_GUARANTEE_FUND" : "LOW_COVERAGE");
      }
      if (Math.abs(position) > config.settlement().netLimitMinutes()) {
        alerts.add("NET_POSITION_OVER_LIMIT");
      }
      positions.add(new Position(e.getKey(), f[0], f[1], f[2], f[3], position, f[4], fund, coverage, alerts));
    }
    int reduction = gross == 0 ? 0 : (int) (1000 - net * 1000 / gross);
    return new Report(from, to, positions, netSum, gross, net, reduction);
  }

  /**
   * Takes {@code amount} minutes of lots from an account, oldest first; a reversal ({@code issuer} ≥ 0)
   * takes that issuer's newest lots first.
   */
  private static List<long[]> take(Map<String, Deque<long[]>> lots, String account, long amount, int issuer) {
    List<long[]> taken = new ArrayList<>();
    Deque<long[]> queue = lots.get(account);
    if (queue == null) {
      return taken;
    }
    if (issuer >= 0) {
      var it = queue.descendingIterator();
      while (amount > 0 && it.hasNext()) {
        long[] lot = it.next();
        if (lot[0] == issuer) {
          long t = Math.min(amount, lot[1]);
          lot[1] -= t;
          amount -= t;
          taken.add(new long[] {lot[0], t});
          if (lot[1] == 0) {
            it.remove();
          }
        }
      }
      return taken;
    }
    while (amount > 0 && !queue.isEmpty()) {
      long[] lot = queue.peekFirst();
      long t = Math.min(amount, lot[1]);
      lot[1] -= t;
      amount -= t;
      taken.add(new long[] {lot[0], t});
      if (lot[1] == 0) {
        queue.pollFirst();
      }
    }
    return taken;
  }

  /** [issued, honoured, payable, receivable, outstanding] */
  private static long[] bank(Map<String, long[]> banks, String node) {
    return banks.computeIfAbsent(node, k -> new long[5]);
  }

  private static String bankOf(String account) {
    return account.substring("bank:".length(), account.lastIndexOf(':'));
  }

  private static Map<String, Long> funds(Connection c) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select node_id, fund_minutes from guarantee_fund");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
