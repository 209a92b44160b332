package org.tbx.hub.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.registry.NodeRegistry;

/**
 * Settlement positions between banks for a period. Minutes keep the bank that issued them ({@link
 * LotBook}); when a bank honours a redemption, the issuers of the minutes spent owe it those
 * minutes. Granted minutes are issued by their grantor ({@code grant:<id>}), which then owes the
 * banks that honour them. Each bank's net position is what it is owed less what it owes, so the
 * positions sum to exactly zero.
 */
@ApplicationScoped
public class SettlementService {

  /** One bank's figures for the period. */
  public record Position(
      String nodeId,
      long issuedMinutes,
      long honouredMinutes,
      long payableMinutes,
      long receivableMinutes,
      long netMinutes,
      long outstandingMinutes,
      Long guaranteeFundMinutes,
      Integer coveragePermille,
      List<String> alerts) {}

  /** Every bank's position, and what netting saved. */
  public record Report(
      Instant from,
      Instant to,
      List<Position> positions,
      long netSum,
      long grossObligationMinutes,
      long netObligationMinutes,
      int reductionPermille,
      List<Flow> flows,
      List<Long> ageingMinutes) {}

  /**
   * Minutes earned at one bank and spent at another (or the same) within the period.
   *
   * @param earnedAt the bank that issued the minutes (or a grantor)
   * @param spentAt the bank that honoured them
   * @param redemptions how many settled redemptions spent minutes of this pair
   */
  public record Flow(String earnedAt, String spentAt, long minutes, long redemptions) {}

  private final LedgerRepository ledger;
  private final SettlementFold fold;
  private final NodeRegistry registry;
  private final HubConfig config;
  private final Clock clock;

  SettlementService(
      LedgerRepository ledger,
      SettlementFold fold,
      NodeRegistry registry,
      HubConfig config,
      Clock clock) {
    this.ledger = ledger;
    this.fold = fold;
    this.registry = registry;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Replays every transfer up to {@code to}; counts flows within [{@code from}, {@code to}). A
   * report for a past period costs a pass over the ledger up to its end; {@link #current()} does
   * not.
   */
  @Transactional
  public Report report(Instant from, Instant to) {
    Replay replay = new Replay();
    ledger.forEachTransfer(to, t -> replay.apply(t, !t.postedAt().isBefore(from)));
    return build(from, to, replay);
  }

  /**
   * @return the report since the first transfer up to every transfer committed when it was asked
   *     for, from the {@link SettlementFold} kept up to date incrementally
   */
  public Report current() {
    return fold.read(replay -> build(Instant.EPOCH, clock.instant(), replay));
  }

  private Report build(Instant from, Instant to, Replay replay) {
    Map<String, Long> funds = registry.guaranteeFunds();
    List<Position> positions = new ArrayList<>();
    long netSum = 0;
    long net = 0;
    for (Map.Entry<String, Replay.Figures> e : replay.figures().entrySet()) {
      Replay.Figures f = e.getValue();
      long position = f.receivable - f.payable;
      netSum += position;
      net += Math.max(position, 0);
      Long fund = funds.get(e.getKey());
      Integer coverage =
          fund == null || f.outstanding == 0 ? null : coveragePermille(fund, f.outstanding);
      List<String> alerts = new ArrayList<>();
      if (f.outstanding > 0
          && (fund == null || coverage < config.settlement().minCoveragePermille())) {
        alerts.add(fund == null ? "NO_GUARANTEE_FUND" : "LOW_COVERAGE");
      }
      if (Math.abs(position) > config.settlement().netLimitMinutes()) {
        alerts.add("NET_POSITION_OVER_LIMIT");
      }
      positions.add(
          new Position(
              e.getKey(),
              f.issued,
              f.honoured,
              f.payable,
              f.receivable,
              position,
              f.outstanding,
              fund,
              coverage,
              alerts));
    }
    long gross = replay.gross();
    int reduction = gross == 0 ? 0 : (int) (1000 - net * 1000 / gross);
    return new Report(
        from, to, positions, netSum, gross, net, reduction, replay.flows(), replay.ageing(to));
  }

  /**
   * @return fund per mille of outstanding, without overflow, at most {@link Integer#MAX_VALUE}
   */
  static int coveragePermille(long fund, long outstanding) {
    BigInteger permille =
        BigInteger.valueOf(fund)
            .multiply(BigInteger.valueOf(1000))
            .divide(BigInteger.valueOf(outstanding));
    return permille.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
  }
}
