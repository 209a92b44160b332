package org.tbx.protocol.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.Relation;

/**
 * One version of the national standard of units and exchange rules. Amounts are whole minutes; no
 * floating point is used. The adapter and the hub compute credited minutes here, so they cannot
 * disagree.
 *
 * @param version version number; events name the version they were computed with
 * @param effectiveFrom first day it applies, ISO-8601
 * @param unit always {@code MINUTE}
 * @param roundingStepMinutes credited minutes are a multiple of this
 * @param roundingMode how to round to the step
 * @param maxMinutesPerRecord most actual minutes one service record may carry
 * @param minDepositAge youngest age, in whole years on the service day, to earn minutes
 * @param minWithdrawAge youngest age of a beneficiary of a redemption
 * @param lifetimeCapMinutes most minutes a volunteer may ever be credited
 * @param overflowRule what happens above the cap
 * @param overflowPoolId the pool overflow goes to, with {@link OverflowRule#DONATE_TO_POOL}
 * @param giftRelations relations that may receive gifts
 * @param defaultHoldExpirySeconds how long an authorized hold lasts unless settled or cancelled
 * @param categories the service catalogue
 * @param consent when a debit needs the volunteer's signed consent, and how long a debit may be
 *     disputed; null in versions before 2, which need none
 * @param enrollmentRequiredForDeposit whether a deposit computed with this version is refused
 *     unless the depositing bank enrolled the volunteer (so their age was checked); false before 3
 * @param standing how a volunteer's standing is scored; null in versions before 3
 * @param honours the star levels reached by hours served, lowest first; empty before 3
 * @param benefits which benefits a bank may offer for hours; null before 5, which allow none
 */
public record Rulebook(
    int version,
    String effectiveFrom,
    String unit,
    int roundingStepMinutes,
    RoundingMode roundingMode,
    int maxMinutesPerRecord,
    int minDepositAge,
    int minWithdrawAge,
    long lifetimeCapMinutes,
    OverflowRule overflowRule,
    String overflowPoolId,
    Set<Relation> giftRelations,
    long defaultHoldExpirySeconds,
    List<ServiceCategory> categories,
    ConsentRules consent,
    boolean enrollmentRequiredForDeposit,
    StandingRules standing,
    List<Honour> honours,
    BenefitRules benefits) {

  /**
   * Benefits for hours besides services (PROTOCOL.md section 15).
   *
   * @param allowedKinds the kinds a bank may offer, e.g. SERVICE_PRIORITY, GOODS,
   *     CARE_HOME_PRIORITY
   * @param cashConversion whether hours may be converted to cash (kind CASH)
   */
  public record BenefitRules(List<String> allowedKinds, boolean cashConversion) {

    public BenefitRules {
      allowedKinds = List.copyOf(allowedKinds);
      if (allowedKinds.contains("CASH")) {
        throw new IllegalArgumentException(
            "benefits: cash is allowed by cashConversion, not listed as a kind");
      }
    }
  }

  /**
   * Debit authority (PROTOCOL.md section 14).
   *
   * @param requiredFromMinutes redemptions and donations of at least this many minutes need the
   *     volunteer's consent; 0 means always
   * @param giftsAlwaysRequireConsent whether every gift needs it, whatever its size
   * @param disputeWindowDays how many days after a debit the volunteer or their home bank may
   *     dispute it
   */
  public record ConsentRules(
      int requiredFromMinutes, boolean giftsAlwaysRequireConsent, int disputeWindowDays) {}

  /** How credited minutes are rounded to the step. */
  public enum RoundingMode {
    DOWN,
    HALF_UP,
    UP
  }

  /** What happens to credited minutes above the lifetime cap. */
  public enum OverflowRule {
    /** The deposit is refused. */
    REJECT,
    /** The minutes above the cap are credited to the rulebook's overflow pool. */
    DONATE_TO_POOL,
    /**
     * The minutes above the cap are credited to nobody's balance and count towards the volunteer's
     * honours (荣誉时), as Nanjing converts stored hours above 1,500.
     */
    HONOURS
  }

  public Rulebook {
    if (!"MINUTE".equals(unit)) {
      throw new IllegalArgumentException(
          "rulebook " + version + ": unit must be MINUTE, was " + unit);
    }
    if (roundingStepMinutes < 1) {
      throw new IllegalArgumentException(
          "rulebook " + version + ": roundingStepMinutes must be at least 1");
    }
    LocalDate.parse(effectiveFrom);
    categories = List.copyOf(categories);
    honours = honours == null ? List.of() : List.copyOf(honours);
    giftRelations = Set.copyOf(giftRelations);
  }

  /**
   * @return the catalogue entry for a code
   */
  public Optional<ServiceCategory> category(String code) {
    for (ServiceCategory c : categories) {
      if (c.code().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Credited minutes for a service: actual minutes times the category's weight, rounded to the
   * step.
   *
   * @throws ProtocolException {@code UNKNOWN_CATEGORY} for a code not in the catalogue, {@code
   *     INVALID_FIELD} for actual minutes outside 1..{@link #maxMinutesPerRecord} or too few to
   *     credit a step
   */
  public int creditedMinutes(String categoryCode, int actualMinutes) throws ProtocolException {
    ServiceCategory category =
        category(categoryCode)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_CATEGORY,
                        "serviceCategory " + unknownCategory(categoryCode)));
    if (actualMinutes < 1 || actualMinutes > maxMinutesPerRecord) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "actualMinutes must be between 1 and " + maxMinutesPerRecord + ", was " + actualMinutes);
    }
    long weighted = (long) actualMinutes * category.weightPermille();
    long unit = 1000L * roundingStepMinutes;
    long steps = weighted / unit;
    long rest = weighted % unit;
    steps +=
        switch (roundingMode) {
          case DOWN -> 0;
          case UP -> rest > 0 ? 1 : 0;
          case HALF_UP -> 2 * rest >= unit ? 1 : 0;
        };
    if (steps == 0) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "actualMinutes "
              + actualMinutes
              + " is too short to credit one "
              + roundingStepMinutes
              + "-minute step");
    }
    return Math.toIntExact(steps * roundingStepMinutes);
  }

  /**
   * @return age in whole years on a day
   */
  public static int ageOn(LocalDate birthDate, LocalDate day) {
    return Period.between(birthDate, day).getYears();
  }

  /**
   * @return whether a redemption or donation of this many minutes needs the volunteer's consent
   */
  public boolean consentRequired(long minutes) {
    return consent != null && minutes >= consent.requiredFromMinutes();
  }

  /**
   * @return whether a gift needs the volunteer's consent
   */
  public boolean giftConsentRequired(long minutes) {
    return consent != null
        && (consent.giftsAlwaysRequireConsent() || minutes >= consent.requiredFromMinutes());
  }

  /**
   * @return whether a debit of this purpose and size needs the volunteer's consent
   */
  public boolean consentRequired(ConsentPurpose purpose, long minutes) {
    return purpose == ConsentPurpose.GIFT ? giftConsentRequired(minutes) : consentRequired(minutes);
  }

  /**
   * @return why a category code is refused, listing the ones this version has
   */
  public String unknownCategory(String code) {
    return code
        + " is not in rulebook "
        + version
        + "; its categories are "
        + categories.stream().map(ServiceCategory::code).toList()
        + " (GET /api/v1/rulebooks/"
        + version
        + " gives their names and what each needs)";
  }

  /**
   * @return the first day this version applies
   */
  public LocalDate effectiveDate() {
    return LocalDate.parse(effectiveFrom);
  }

  /**
   * @return whether a volunteer may give minutes to someone of this relation
   */
  public boolean mayGiftTo(Relation relation) {
    return giftRelations.contains(relation);
  }
}
