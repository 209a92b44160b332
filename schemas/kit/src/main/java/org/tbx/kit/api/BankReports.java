package org.tbx.kit.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.tbx.protocol.FieldRules;

/**
 * What a bank reports to the hub's API beyond the protocol's events (PROTOCOL.md sections 14 and
 * 15), as the hub takes it and the adapter passes it on: the same records, checked the same way on
 * both sides. Each carries the bank's own id, so a report sent again is the same report.
 */
public final class BankReports {

  private BankReports() {}

  /** A reference: a bank's code for a course or a benefit. */
  static final String REFERENCE_RULE = "must match " + FieldRules.PSEUDONYMOUS_REF;

  /** A federation-wide volunteer id. */
  static final String VOLUNTEER_RULE = "must match " + FieldRules.VOLUNTEER_ID;

  /**
   * A no-show or a late cancellation of a volunteer the bank enrolled.
   *
   * @param absenceId the bank's id for this report
   * @param kind NO_SHOW (the volunteer did not come) or LATE_CANCELLATION
   * @param dueAt when the service was due; not in the future
   * @param note what happened, for the volunteer and the operator; no names, no ID numbers
   */
  public record Absence(
      @NotNull UUID absenceId,
      @NotNull
          @Pattern(
              regexp = "NO_SHOW|LATE_CANCELLATION",
              message = "must be NO_SHOW or LATE_CANCELLATION")
          String kind,
      @NotNull Instant dueAt,
      @NotIdentifying @Size(max = 500) String note) {}

  /** Why a bank withdraws a report it made by mistake. */
  public record Withdrawal(@NotBlank @NotIdentifying @Size(max = 500) String reason) {}

  /**
   * A dispute of a debit or of a service record.
   *
   * @param volunteerId whose minutes were debited, or who was credited for the service
   * @param eventId a RedemptionSettled, HoursGifted, HoursDonated or benefit redemption that moved
   *     the volunteer's minutes, or a ServiceRecorded that credited them (see their history)
   * @param reason what went wrong, for the operator
   * @param complainant for a service record: BANK (the default) when the recording bank disputes it
   *     itself, RECIPIENT when it raises the served person's complaint
   */
  public record Dispute(
      @NotNull @NotIdentifying @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER_RULE)
          String volunteerId,
      @NotNull UUID eventId,
      @NotBlank @NotIdentifying @Size(max = 1000) String reason,
      @Pattern(regexp = "BANK|RECIPIENT", message = "must be BANK or RECIPIENT")
          String complainant) {}

  /**
   * A course the bank gives.
   *
   * @param courseId the bank's code for it
   * @param category the service category it trains for; a pass grants what the rulebook requires
   *     for it
   * @param trainingHours hours of training, 1 to 1000
   * @param validityMonths how long a pass's certification holds, 1 to 120
   */
  public record Course(
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REFERENCE_RULE)
          String courseId,
      @NotBlank @Size(max = 200) String nameZh,
      @NotBlank @Size(max = 200) String nameEn,
      @NotNull String category,
      @NotNull @Min(1) @Max(1000) Integer trainingHours,
      @NotNull @Min(1) @Max(120) Integer validityMonths) {}

  /**
   * An assessment on a course the bank gives.
   *
   * @param assessmentId the bank's id for it
   * @param completedAt when the volunteer completed the training and its assessment
   * @param score 0 to 100, optional
   */
  public record Assessment(
      @NotNull UUID assessmentId,
      @NotNull @NotIdentifying @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER_RULE)
          String volunteerId,
      @NotNull Instant completedAt,
      @NotNull Boolean passed,
      @Min(0) @Max(100) Integer score) {}

  /**
   * A benefit the bank offers for hours.
   *
   * @param benefitId the bank's code for it
   * @param kind SERVICE_PRIORITY, GOODS or CARE_HOME_PRIORITY as rulebook 5 allows; CASH only where
   *     a rulebook allows cash
   * @param minutes what it costs, 1 to 90,000
   */
  public record Benefit(
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REFERENCE_RULE)
          String benefitId,
      @NotBlank @Size(max = 200) String nameZh,
      @NotBlank @Size(max = 200) String nameEn,
      @NotNull @Pattern(regexp = "[A-Z][A-Z_]{1,31}", message = "must be a kind such as GOODS")
          String kind,
      @NotNull @Min(1) @Max(90_000) Integer minutes) {}

  /**
   * A benefit redeemed for a volunteer.
   *
   * @param redemptionId the bank's id for it
   * @param consent the volunteer's consent to a REDEMPTION of at least the benefit's minutes by
   *     this bank (PROTOCOL.md section 14)
   */
  public record BenefitRedemption(
      @NotNull UUID redemptionId,
      @NotNull @NotIdentifying @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER_RULE)
          String volunteerId,
      @Valid ConsentRequest consent) {}
}
