package org.tbx.hub.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.AccountKind;
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

  /** One bank's running figures while the transfers are replayed. */
  private static final class Figures {
    long issued;
    long honoured;
    long payable;
    long receivable;
    long outstanding;
  }

  private final LedgerRepository ledger;
  private final NodeRegistry registry;
  private final HubConfig config;

  SettlementService(LedgerRepository ledger, NodeRegistry registry, HubConfig config) {
    this.ledger = ledger;
    this.registry = registry;
    this.config = config;
  }

  /** Replays every transfer up to {@code to}; counts flows within [{@code from}, {@code to}). */
  @Transactional
  public Report report(Instant from, Instant to) {
    Map<String, Figures> banks = new TreeMap<>();
    LotBook lots = new LotBook();
    long[] gross = {0};
    Map<String, long[]> flows = new TreeMap<>();
    ledger.forEachTransfer(
        to,
        t -> {
          boolean inPeriod = !t.postedAt().isBefore(from);
          Account debit = t.debit();
          Account credit = t.credit();
          if (debit.issues()) {
            String issuer = issuer(debit);
            lots.issue(credit.id(), issuer, t.amountMinutes(), t.postedAt());
            if (inPeriod) {
              figures(banks, issuer).issued += t.amountMinutes();
            }
          } else if (credit.issues()) {
            String issuer = issuer(credit);
            lots.takeBack(debit.id(), issuer, t.amountMinutes());
            if (inPeriod) {
              figures(banks, issuer).issued -= t.amountMinutes();
            }
          } else if (credit.kind() == AccountKind.BANK_HONOURED) {
            String honouring = credit.owner();
            List<LotBook.Lot> spent = lots.take(debit.id(), t.amountMinutes());
            if (inPeriod) {
              figures(banks, honouring).honoured += t.amountMinutes();
              for (LotBook.Lot lot : spent) {
                long[] flow =
                    flows.computeIfAbsent(lot.issuer + "\n" + honouring, k -> new long[2]);
                flow[0] += lot.minutes;
                flow[1]++;
                if (!lot.issuer.equals(honouring)) {
                  figures(banks, lot.issuer).payable += lot.minutes;
                  figures(banks, honouring).receivable += lot.minutes;
                  gross[0] += lot.minutes;
                }
              }
            }
          } else {
            lots.move(debit.id(), credit.id(), t.amountMinutes());
          }
        });
    lots.outstanding().forEach((issuer, minutes) -> figures(banks, issuer).outstanding = minutes);
    List<Flow> flowList = new ArrayList<>();
    flows.forEach(
        (pair, f) -> {
          String[] banksOfPair = pair.split("\n", 2);
          flowList.add(new Flow(banksOfPair[0], banksOfPair[1], f[0], f[1]));
        });
    List<Long> ageing = new ArrayList<>();
    for (long minutes : lots.ageing(to)) {
      ageing.add(minutes);
    }
    return build(from, to, banks, registry.guaranteeFunds(), gross[0], flowList, ageing);
  }

  private Report build(
      Instant from,
      Instant to,
      Map<String, Figures> banks,
      Map<String, Long> funds,
      long gross,
      List<Flow> flows,
      List<Long> ageing) {
    List<Position> positions = new ArrayList<>();
    long netSum = 0;
    long net = 0;
    for (Map.Entry<String, Figures> e : banks.entrySet()) {
      Figures f = e.getValue();
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
    int reduction = gross == 0 ? 0 : (int) (1000 - net * 1000 / gross);
    return new Report(from, to, positions, netSum, gross, net, reduction, flows, ageing);
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

  /** A bank's issue is owed by the bank; a grant by its grantor ({@code grant:<id>}). */
  private static String issuer(Account account) {
    return account.kind() == AccountKind.GRANT ? account.id() : account.owner();
  }

  private static Figures figures(Map<String, Figures> banks, String node) {
    return banks.computeIfAbsent(node, k -> new Figures());
  }
}
