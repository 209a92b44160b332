package org.tbx.hub.settlement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.AccountKind;
import org.tbx.hub.ledger.Transfer;

/**
 * Transfers replayed in posting order into what settlement needs: each bank's figures, the lots of
 * minutes by issuer ({@link LotBook}) and the flows between issuer and honouring bank.
 */
final class Replay {

  /** One bank's figures. */
  static final class Figures {
    long issued;
    long honoured;
    long payable;
    long receivable;
    long outstanding;

    Figures copy() {
      Figures f = new Figures();
      f.issued = issued;
      f.honoured = honoured;
      f.payable = payable;
      f.receivable = receivable;
      return f;
    }
  }

  private final Map<String, Figures> banks = new TreeMap<>();
  private final LotBook lots = new LotBook();
  private final Map<String, long[]> flows = new TreeMap<>();
  private long gross;
  private long transfers;

  /**
   * Replays one transfer; only the lots move when it was posted before the period counted ({@code
   * inPeriod} false).
   */
  void apply(Transfer t, boolean inPeriod) {
    transfers++;
    Account debit = t.debit();
    Account credit = t.credit();
    if (debit.issues()) {
      String issuer = issuer(debit);
      lots.issue(credit.id(), issuer, t.amountMinutes(), t.postedAt());
      if (inPeriod) {
        figures(issuer).issued += t.amountMinutes();
      }
    } else if (credit.issues()) {
      String issuer = issuer(credit);
      lots.takeBack(debit.id(), issuer, t.amountMinutes());
      if (inPeriod) {
        figures(issuer).issued -= t.amountMinutes();
      }
    } else if (credit.kind() == AccountKind.BANK_HONOURED) {
      String honouring = credit.owner();
      List<LotBook.Lot> spent = lots.take(debit.id(), t.amountMinutes());
      if (inPeriod) {
        figures(honouring).honoured += t.amountMinutes();
        Set<String> counted = new HashSet<>();
        for (LotBook.Lot lot : spent) {
          long[] flow = flows.computeIfAbsent(lot.issuer + "\n" + honouring, k -> new long[2]);
          flow[0] += lot.minutes;
          if (counted.add(lot.issuer)) {
            flow[1]++;
          }
          if (!lot.issuer.equals(honouring)) {
            figures(lot.issuer).payable += lot.minutes;
            figures(honouring).receivable += lot.minutes;
            gross += lot.minutes;
          }
        }
      }
    } else {
      lots.move(debit.id(), credit.id(), t.amountMinutes());
    }
  }

  /**
   * @return a copy of every bank's figures with the minutes it has outstanding now, by node id
   */
  Map<String, Figures> figures() {
    Map<String, Figures> copy = new TreeMap<>();
    banks.forEach((node, f) -> copy.put(node, f.copy()));
    lots.outstanding()
        .forEach(
            (issuer, minutes) ->
                copy.computeIfAbsent(issuer, k -> new Figures()).outstanding = minutes);
    return copy;
  }

  /**
   * @return the flows between issuer and honouring bank, by issuer then honouring bank
   */
  List<SettlementService.Flow> flows() {
    List<SettlementService.Flow> list = new ArrayList<>();
    flows.forEach(
        (pair, f) -> {
          String[] banksOfPair = pair.split("\n", 2);
          list.add(new SettlementService.Flow(banksOfPair[0], banksOfPair[1], f[0], f[1]));
        });
    return list;
  }

  /**
   * @return the minutes still held, by age band at {@code now} ({@link LotBook#AGE_BANDS})
   */
  List<Long> ageing(Instant now) {
    List<Long> ageing = new ArrayList<>();
    for (long minutes : lots.ageing(now)) {
      ageing.add(minutes);
    }
    return ageing;
  }

  /**
   * @return the minutes owed between different banks before netting
   */
  long gross() {
    return gross;
  }

  /**
   * @return how many transfers were replayed
   */
  long transfers() {
    return transfers;
  }

  /** A bank's issue is owed by the bank; a grant by its grantor ({@code grant:<id>}). */
  private static String issuer(Account account) {
    return account.kind() == AccountKind.GRANT ? account.id() : account.owner();
  }

  private Figures figures(String node) {
    return banks.computeIfAbsent(node, k -> new Figures());
  }
}
