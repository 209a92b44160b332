package org.tbx.protocol.rules;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tbx.protocol.v1.RaterRole;

/**
 * A volunteer's standing (信用评价, PROTOCOL.md section 15): a score the federation computes from what
 * every bank reported, the same for every reader, explained factor by factor. Whole numbers only;
 * nothing is stored, so a new rulebook version's weights apply to the whole past at once.
 *
 * @param base where every volunteer starts
 * @param min the lowest score
 * @param max the highest score
 * @param pointsPerServedHour points per full hour of credited service, not reversed
 * @param servedHoursCapPoints most points hours served may give
 * @param activeMonthsWindow how many calendar months, this one included, regularity looks back
 * @param pointsPerActiveMonth points per month of the window with at least one credited service
 * @param pointsPerTenureYear points per full year since the first enrollment at any bank
 * @param tenureCapPoints most points tenure may give
 * @param ratingPointsPerStar points per star above (or below) three, by who rated; a rater role
 *     missing here counts nothing
 * @param ratingCapPoints most points ratings may give or take
 * @param pointsPerReversal points (negative) per service credit the bank reversed
 * @param decayAfterDays ratings, reversals, absences and upheld disputes older than this many days
 *     count at {@code decayedPermille}
 * @param decayedPermille what an old rating, reversal, absence or dispute still counts, in
 *     thousandths
 * @param pointsPerNoShow points (negative) per service the volunteer did not come to; 0 before
 *     rulebook 4
 * @param pointsPerLateCancellation points (negative) per service the volunteer cancelled late; 0
 *     before rulebook 4
 * @param pointsPerUpheldServiceDispute points (negative) per service record the operator found
 *     wrong on a dispute; 0 before rulebook 4
 */
public record StandingRules(
    int base,
    int min,
    int max,
    int pointsPerServedHour,
    int servedHoursCapPoints,
    int activeMonthsWindow,
    int pointsPerActiveMonth,
    int pointsPerTenureYear,
    int tenureCapPoints,
    Map<RaterRole, Integer> ratingPointsPerStar,
    int ratingCapPoints,
    int pointsPerReversal,
    int decayAfterDays,
    int decayedPermille,
    int pointsPerNoShow,
    int pointsPerLateCancellation,
    int pointsPerUpheldServiceDispute) {

  /**
   * What standing is computed from, as the hub's ledger and registers hold it.
   *
   * @param reversals the days the recording bank reversed a service credit
   * @param absences the no-shows and late cancellations banks reported
   * @param upheldDisputes the days the operator upheld a dispute of one of the volunteer's service
   *     records
   */
  public record Inputs(
      long servedMinutes,
      Set<YearMonth> serviceMonths,
      LocalDate firstEnrolled,
      List<Rating> ratings,
      List<LocalDate> reversals,
      List<Absence> absences,
      List<LocalDate> upheldDisputes) {

    /** A volunteer with no absences and no disputes. */
    public Inputs(
        long servedMinutes,
        Set<YearMonth> serviceMonths,
        LocalDate firstEnrolled,
        List<Rating> ratings,
        List<LocalDate> reversals) {
      this(servedMinutes, serviceMonths, firstEnrolled, ratings, reversals, List.of(), List.of());
    }
  }

  /** How a volunteer failed to serve. */
  public enum AbsenceKind {
    NO_SHOW,
    LATE_CANCELLATION
  }

  /** One service the volunteer did not come to or cancelled late, on the day it was due. */
  public record Absence(AbsenceKind kind, LocalDate day) {}

  /** One rating of one of the volunteer's services. */
  public record Rating(RaterRole role, int stars, LocalDate day) {}

  /** The factors, in the order they are added. */
  public enum FactorName {
    BASE,
    HOURS_SERVED,
    REGULARITY,
    TENURE,
    RATINGS,
    REVERSALS,
    ABSENCES,
    SERVICE_DISPUTES
  }

  /**
   * One factor's part of the score.
   *
   * @param input what it was computed from, in words
   * @param rule the rulebook's rule, in words
   */
  public record Factor(FactorName factor, long points, String input, String rule) {}

  /**
   * @param score the sum of the factors' points, held within min and max
   */
  public record Standing(long score, List<Factor> factors) {}

  public StandingRules {
    if (min > base || base > max) {
      throw new IllegalArgumentException(
          "standing: min <= base <= max, was " + min + ", " + base + ", " + max);
    }
    if (activeMonthsWindow < 1 || decayedPermille < 0 || decayedPermille > 1000) {
      throw new IllegalArgumentException(
          "standing: activeMonthsWindow >= 1 and decayedPermille within 0..1000");
    }
    ratingPointsPerStar = Map.copyOf(ratingPointsPerStar);
  }

  /**
   * @param today the day standing is computed for (China Standard Time)
   */
  public Standing standing(Inputs in, LocalDate today) {
    List<Factor> factors = new ArrayList<>();
    factors.add(new Factor(FactorName.BASE, base, null, "every volunteer starts at " + base));

    long hours = in.servedMinutes() / 60;
    factors.add(
        new Factor(
            FactorName.HOURS_SERVED,
            Math.min(hours * pointsPerServedHour, servedHoursCapPoints),
            in.servedMinutes() + " minutes of credited service (" + hours + " full hours)",
            pointsPerServedHour + " per full hour, at most " + servedHoursCapPoints));

    YearMonth last = YearMonth.from(today);
    YearMonth first = last.minusMonths(activeMonthsWindow - 1L);
    long active =
        in.serviceMonths().stream().filter(m -> !m.isBefore(first) && !m.isAfter(last)).count();
    factors.add(
        new Factor(
            FactorName.REGULARITY,
            active * pointsPerActiveMonth,
            active + " of the months " + first + " to " + last + " had a credited service",
            pointsPerActiveMonth
                + " per month with a service, over the last "
                + activeMonthsWindow));

    long years =
        in.firstEnrolled() == null
            ? 0
            : Math.max(0, Period.between(in.firstEnrolled(), today).getYears());
    factors.add(
        new Factor(
            FactorName.TENURE,
            Math.min(years * pointsPerTenureYear, tenureCapPoints),
            in.firstEnrolled() == null
                ? "not enrolled at any bank"
                : "first enrolled on " + in.firstEnrolled() + ", " + years + " full years ago",
            pointsPerTenureYear + " per full year, at most " + tenureCapPoints));

    LocalDate fresh = today.minusDays(decayAfterDays);
    long ratingPermille = 0;
    for (Rating r : in.ratings()) {
      long perStar = ratingPointsPerStar.getOrDefault(r.role(), 0);
      ratingPermille += (r.stars() - 3) * perStar * weight(r.day(), fresh);
    }
    long ratingPoints =
        Math.max(-ratingCapPoints, Math.min(ratingCapPoints, ratingPermille / 1000));
    factors.add(
        new Factor(
            FactorName.RATINGS,
            ratingPoints,
            in.ratings().size() + " ratings" + starsSummary(in.ratings()),
            "(stars - 3) x "
                + ratingPointsPerStar
                + " per rating, "
                + decayedPermille
                + "/1000 of it after "
                + decayAfterDays
                + " days, within +/-"
                + ratingCapPoints));

    long reversalPermille = 0;
    for (LocalDate day : in.reversals()) {
      reversalPermille += (long) pointsPerReversal * weight(day, fresh);
    }
    factors.add(
        new Factor(
            FactorName.REVERSALS,
            reversalPermille / 1000,
            in.reversals().size() + " service credits reversed by the bank that recorded them",
            pointsPerReversal
                + " per reversal, "
                + decayedPermille
                + "/1000 of it after "
                + decayAfterDays
                + " days"));

    long absencePermille = 0;
    long noShows = 0;
    for (Absence a : in.absences()) {
      boolean noShow = a.kind() == AbsenceKind.NO_SHOW;
      noShows += noShow ? 1 : 0;
      absencePermille +=
          (long) (noShow ? pointsPerNoShow : pointsPerLateCancellation) * weight(a.day(), fresh);
    }
    factors.add(
        new Factor(
            FactorName.ABSENCES,
            absencePermille / 1000,
            noShows
                + " no-shows and "
                + (in.absences().size() - noShows)
                + " late cancellations reported by banks",
            pointsPerNoShow
                + " per no-show, "
                + pointsPerLateCancellation
                + " per late cancellation, "
                + decayedPermille
                + "/1000 of it after "
                + decayAfterDays
                + " days"));

    long disputePermille = 0;
    for (LocalDate day : in.upheldDisputes()) {
      disputePermille += (long) pointsPerUpheldServiceDispute * weight(day, fresh);
    }
    factors.add(
        new Factor(
            FactorName.SERVICE_DISPUTES,
            disputePermille / 1000,
            in.upheldDisputes().size() + " service records found wrong on a dispute",
            pointsPerUpheldServiceDispute
                + " per upheld dispute, "
                + decayedPermille
                + "/1000 of it after "
                + decayAfterDays
                + " days"));

    long sum = factors.stream().mapToLong(Factor::points).sum();
    return new Standing(Math.max(min, Math.min(max, sum)), List.copyOf(factors));
  }

  private long weight(LocalDate day, LocalDate fresh) {
    return day.isBefore(fresh) ? decayedPermille : 1000;
  }

  private static String starsSummary(List<Rating> ratings) {
    if (ratings.isEmpty()) {
      return "";
    }
    long stars = ratings.stream().mapToLong(Rating::stars).sum();
    return ", " + stars + " stars in all";
  }
}
