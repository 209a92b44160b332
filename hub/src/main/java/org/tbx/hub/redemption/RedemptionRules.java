package org.tbx.hub.redemption;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.Relation;

/** The rulebook's rules for a redemption and its hold that need no database. */
public final class RedemptionRules {

  /** Why a redemption is declined: a reason code and what the bank can do about it. */
  public record Decline(ReasonCode reason, String detail) {}

  private RedemptionRules() {}

  /**
   * @throws ProtocolException when the request itself is malformed: an unknown category, no minutes
   */
  public static void checkRequest(Rulebook rules, RedemptionRequested r) throws ProtocolException {
    if (rules.category(r.getServiceCategory()).isEmpty()) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_CATEGORY,
          "payload.serviceCategory " + rules.unknownCategory(r.getServiceCategory()));
    }
    if (r.getRequestedMinutes() < 1) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD, "payload.requestedMinutes must be at least 1");
    }
  }

  /**
   * @return why the beneficiary may not be served, if they may not: their age or relation
   */
  public static Optional<Decline> beneficiary(Rulebook rules, RedemptionRequested r, Instant now) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.ofHours(8));
    int age = Rulebook.ageOn(r.getBeneficiaryBirthDate(), day);
    if (age < rules.minWithdrawAge()) {
      return Optional.of(
          new Decline(
              ReasonCode.AGE_LIMIT,
              "the beneficiary is "
                  + age
                  + "; rulebook "
                  + rules.version()
                  + " serves from age "
                  + rules.minWithdrawAge()));
    }
    if (r.getRelation() != Relation.SELF && !rules.mayGiftTo(r.getRelation())) {
      return Optional.of(
          new Decline(
              ReasonCode.RELATION_NOT_ALLOWED,
              "minutes may pay for the volunteer or a relative in "
                  + rules.giftRelations()
                  + ", not "
                  + r.getRelation()));
    }
    return Optional.empty();
  }

  /**
   * Checks a hold may still be resolved by this bank's event at {@code now}.
   *
   * @throws ProtocolException {@code UNKNOWN_REDEMPTION}, {@code HOLD_EXPIRED} or {@code
   *     HOLD_ALREADY_RESOLVED}
   */
  public static void checkPending(
      RedemptionRepository.Hold hold,
      String nodeId,
      String redemptionId,
      String holdId,
      Instant now)
      throws ProtocolException {
    if (hold == null
        || !hold.redemptionId().equals(redemptionId)
        || !hold.nodeId().equals(nodeId)) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_REDEMPTION,
          "no hold " + holdId + " for redemption " + redemptionId + " of node " + nodeId);
    }
    if (hold.state().equals("EXPIRED")) {
      throw new ProtocolException(
          ReasonCode.HOLD_EXPIRED, "hold " + holdId + " expired and was released");
    }
    if (!hold.state().equals("PENDING")) {
      throw new ProtocolException(
          ReasonCode.HOLD_ALREADY_RESOLVED, "hold " + holdId + " is already " + hold.state());
    }
    if (!hold.expiresAt().isAfter(now)) {
      throw new ProtocolException(
          ReasonCode.HOLD_EXPIRED, "hold " + holdId + " expired at " + hold.expiresAt());
    }
  }

  /**
   * @throws ProtocolException when the minutes used are negative or above the hold
   */
  public static void checkUsed(RedemptionRepository.Hold hold, long used) throws ProtocolException {
    if (used < 0) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD, "payload.usedMinutes must not be negative");
    }
    if (used > hold.amountMinutes()) {
      throw new ProtocolException(
          ReasonCode.SETTLED_ABOVE_AUTHORIZED,
          "payload.usedMinutes "
              + used
              + " is above the "
              + hold.amountMinutes()
              + " minutes authorized");
    }
  }
}
