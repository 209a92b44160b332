package org.tbx.hub.standing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.hub.deposit.HonourOverflow;
import org.tbx.hub.dispute.DisputeRepository;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.rules.Honour;
import org.tbx.protocol.rules.StandingRules;
import org.tbx.protocol.v1.RaterRole;

/**
 * Reads what a volunteer's standing is computed from out of the ledger and the registers: service
 * credits (and minutes turned into honours) and their reversals (by the bank, or on an upheld
 * dispute), enrollments, ratings and reported absences. Days and months are China Standard Time.
 */
@ApplicationScoped
public class StandingInputs {

  private static final String CHINA = "'Asia/Shanghai'";

  /**
   * A service credit to the volunteer: minutes, when posted, when reversed if it was, and why.
   *
   * @param reversalCode REVERSAL (the bank's correction) or SERVICE_DISPUTE_UPHELD
   */
  private record Credit(long minutes, Instant at, Instant reversedAt, String reversalCode) {}

  /**
   * What the standing and the honours of one volunteer are computed from.
   *
   * @param movements the service credits and the minutes above the lifetime cap turned into
   *     honours, and their reversals, for the honours
   */
  public record Read(StandingRules.Inputs inputs, List<Honour.Movement> movements) {}

  private final Jdbc jdbc;
  private final AbsenceRepository absences;
  private final DisputeRepository disputes;
  private final HonourOverflow honourOverflow;

  StandingInputs(
      DataSource dataSource,
      AbsenceRepository absences,
      DisputeRepository disputes,
      HonourOverflow honourOverflow) {
    this.jdbc = new Jdbc(dataSource);
    this.absences = absences;
    this.disputes = disputes;
    this.honourOverflow = honourOverflow;
  }

  public Read of(String volunteerId) {
    List<Credit> credits =
        jdbc.list(
            "select t.amount_minutes, t.created_at, r.created_at as reversed_at, r.code from transfer t"
                + " left join transfer r on r.reverses_transfer_id = t.id"
                + " where t.credit_account_id = ? and t.code = ?",
            rs ->
                new Credit(
                    rs.getLong(1),
                    Jdbc.instant(rs, "created_at"),
                    Jdbc.instant(rs, "reversed_at"),
                    rs.getString(4)),
            Account.volunteer(volunteerId).id(),
            TransferCode.SERVICE_RECORDED.name());
    long served = 0;
    Set<YearMonth> months = new HashSet<>();
    List<LocalDate> reversals = new ArrayList<>();
    List<Honour.Movement> movements = new ArrayList<>();
    for (Credit c : credits) {
      movements.add(new Honour.Movement(c.at(), c.minutes()));
      if (c.reversedAt() != null) {
        if (TransferCode.REVERSAL.name().equals(c.reversalCode())) {
          reversals.add(LocalDate.ofInstant(c.reversedAt(), DepositRules.CHINA));
        }
        movements.add(new Honour.Movement(c.reversedAt(), -c.minutes()));
      } else {
        served += c.minutes();
        months.add(YearMonth.from(LocalDate.ofInstant(c.at(), DepositRules.CHINA)));
      }
    }
    movements.addAll(honourOverflow.movements(volunteerId));
    LocalDate firstEnrolled =
        jdbc.first(
                "select (min(enrolled_at) at time zone "
                    + CHINA
                    + ")::date as day from volunteer_enrollment where volunteer_id = ?",
                rs -> Jdbc.date(rs, "day"),
                volunteerId)
            .orElse(null);
    List<StandingRules.Rating> ratings =
        jdbc.list(
            "select rater_role, stars, (created_at at time zone "
                + CHINA
                + ")::date as day from service_rating where volunteer_id = ?",
            rs ->
                new StandingRules.Rating(
                    RaterRole.valueOf(rs.getString(1)), rs.getInt(2), Jdbc.date(rs, "day")),
            volunteerId);
    List<StandingRules.Absence> absent =
        absences.of(volunteerId).stream()
            .filter(a -> a.withdrawnAt() == null)
            .map(
                a ->
                    new StandingRules.Absence(
                        StandingRules.AbsenceKind.valueOf(a.kind()),
                        LocalDate.ofInstant(a.dueAt(), DepositRules.CHINA)))
            .toList();
    return new Read(
        new StandingRules.Inputs(
            served,
            months,
            firstEnrolled,
            ratings,
            reversals,
            absent,
            disputes.upheldServiceDisputes(volunteerId)),
        movements);
  }
}
