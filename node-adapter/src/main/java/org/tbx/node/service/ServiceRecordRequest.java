package org.tbx.node.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.tbx.kit.api.NotIdentifying;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.v1.ConfirmationMethod;

/**
 * One service a volunteer performed, as a bank submits it.
 *
 * @param volunteerId federation-wide volunteer id
 * @param serviceCategory catalogue code from the rulebook, e.g. {@code MEAL_ASSIST}
 * @param recipientRef pseudonymous reference of the person served
 * @param startedAt when the service began (ISO-8601 instant, not in the future)
 * @param minutes actual minutes served; the rulebook computes the credited minutes
 * @param evidence how it was confirmed; when absent, the bank itself recorded it
 */
public record ServiceRecordRequest(
    @NotNull
        @NotIdentifying
        @Pattern(
            regexp = FieldRules.VOLUNTEER_ID,
            message = "must match " + FieldRules.VOLUNTEER_ID)
        String volunteerId,
    @NotNull
        @Pattern(
            regexp = FieldRules.SERVICE_CATEGORY,
            message = "must match " + FieldRules.SERVICE_CATEGORY)
        String serviceCategory,
    @NotNull
        @NotIdentifying
        @Pattern(
            regexp = FieldRules.PSEUDONYMOUS_REF,
            message = "must match " + FieldRules.PSEUDONYMOUS_REF)
        String recipientRef,
    @NotNull @PastOrPresent Instant startedAt,
    @NotNull @Min(FieldRules.MIN_MINUTES) @Max(FieldRules.MAX_MINUTES) Integer minutes,
    @Valid EvidenceRequest evidence) {

  /**
   * How a service was confirmed and by whom.
   *
   * @param method how
   * @param recordedBy pseudonymous reference of who recorded it
   * @param confirmedBy pseudonymous references of who confirmed it
   */
  public record EvidenceRequest(
      @NotNull ConfirmationMethod method,
      @NotNull
          @Pattern(
              regexp = FieldRules.PSEUDONYMOUS_REF,
              message = "must match " + FieldRules.PSEUDONYMOUS_REF)
          String recordedBy,
      @Size(max = FieldRules.MAX_CONFIRMERS)
          List<
                  @Pattern(
                      regexp = FieldRules.PSEUDONYMOUS_REF,
                      message = "must match " + FieldRules.PSEUDONYMOUS_REF)
                  String>
              confirmedBy,
      Instant checkInAt,
      Instant checkOutAt) {}
}
