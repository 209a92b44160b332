package org.tbx.hub.deposit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * The rulebook's rules for a deposit that need no database: credited minutes, age, the lifetime
 * cap.
 */
public final class DepositRules {

  /** Service days are counted in China Standard Time. */
  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  /**
   * How a deposit's credited minutes are split under the lifetime cap.
   *
   * @param toVolunteer credited to the volunteer
   * @param overflow above the cap, to the rulebook's overflow pool
   */
  public record Split(long toVolunteer, long overflow) {}

  private DepositRules() {}

  /**
   * @return the service day, in China Standard Time
   */
  public static LocalDate serviceDay(ServiceRecorded deposit) {
    return LocalDate.ofInstant(deposit.getStartedAt(), CHINA);
  }

  /**
   * @throws ProtocolException {@code CREDITED_MINUTES_MISMATCH} when the bank's figure is not the
   *     rulebook's, {@code UNKNOWN_CATEGORY} or {@code INVALID_FIELD} for a category or length the
   *     rulebook refuses
   */
  public static void checkCredited(Rulebook rules, ServiceRecorded deposit)
      throws ProtocolException {
    int credited = rules.creditedMinutes(deposit.getServiceCategory(), deposit.getActualMinutes());
    if (credited != deposit.getCreditedMinutes()) {
      throw new ProtocolException(
          ReasonCode.CREDITED_MINUTES_MISMATCH,
          "payload.creditedMinutes is "
              + deposit.getCreditedMinutes()
              + " but rulebook "
              + rules.version()
              + " credits "
              + credited
              + " for "
              + deposit.getActualMinutes()
              + " minutes of "
              + deposit.getServiceCategory());
    }
  }

  /**
   * @throws ProtocolException {@code INVALID_FIELD} for a service that starts before the rulebook
   *     it names took effect, or later than now plus the allowed clock skew
   */
  public static void checkServiceTime(
      Rulebook rules, ServiceRecorded deposit, Instant now, Duration skew)
      throws ProtocolException {
    Instant started = deposit.getStartedAt();
    if (serviceDay(deposit).isBefore(rules.effectiveDate())) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "payload.startedAt "
              + started
              + " is before rulebook "
              + rules.version()
              + " took effect on "
              + rules.effectiveFrom()
              + "; compute it with the rulebook in force on the service day");
    }
    if (started.isAfter(now.plus(skew))) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "payload.startedAt " + started + " is in the future (the hub's time is " + now + ")");
    }
  }

  /**
   * @throws ProtocolException {@code AGE_LIMIT} when an enrolled volunteer was too young on the
   *     service day
   */
  public static void checkAge(Rulebook rules, VolunteerRepository.Facts volunteer, LocalDate day)
      throws ProtocolException {
    if (!volunteer.enrolled()) {
      return;
    }
    int age = Rulebook.ageOn(volunteer.birthDate(), day);
    if (age < rules.minDepositAge()) {
      throw new ProtocolException(
          ReasonCode.AGE_LIMIT,
          "volunteer "
              + volunteer.volunteerId()
              + " was "
              + age
              + " on the service day; rulebook "
              + rules.version()
              + " credits from age "
              + rules.minDepositAge());
    }
  }

  /**
   * Splits credited minutes under the lifetime cap.
   *
   * @param creditedSoFar everything the volunteer was ever credited
   * @throws ProtocolException {@code LIFETIME_CAP} when the rulebook refuses what goes above the
   *     cap
   */
  public static Split underCap(
      Rulebook rules, String volunteerId, long creditedSoFar, long credited)
      throws ProtocolException {
    long room = Math.max(0, rules.lifetimeCapMinutes() - creditedSoFar);
    long toVolunteer = Math.min(room, credited);
    long overflow = credited - toVolunteer;
    if (overflow > 0 && rules.overflowRule() == Rulebook.OverflowRule.REJECT) {
      throw new ProtocolException(
          ReasonCode.LIFETIME_CAP,
          "volunteer "
              + volunteerId
              + " may be credited "
              + room
              + " more minutes under the lifetime cap of "
              + rules.lifetimeCapMinutes());
    }
    return new Split(toVolunteer, overflow);
  }
}
