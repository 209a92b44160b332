package org.tbx.node.redemption;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tbx.kit.api.ConsentRequest;
import org.tbx.kit.api.NotIdentifying;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.v1.Relation;

/** The request bodies of the redemption flow: request, settle, cancel. */
public final class RedemptionRequests {

  private RedemptionRequests() {}

  /**
   * Asks the hub to hold a volunteer's hours for care given to the volunteer or a relative.
   *
   * @param redemptionId the bank's own id for it; when absent the adapter makes one from the
   *     Idempotency-Key, shown in every answer
   * @param beneficiaryRef pseudonymous reference of who receives the care
   * @param relation the beneficiary's relation to the volunteer; SELF for the volunteer
   * @param beneficiaryBirthDate for the rulebook's withdrawal age
   * @param serviceCategory the care to be given
   * @param consent the volunteer's signed consent to this redemption at this bank (PROTOCOL.md
   *     section 14); the hub declines without it from the rulebook's consent threshold
   */
  @Schema(name = "RedemptionRequest")
  public record Request(
      @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = VolunteerRequests.REF)
          String redemptionId,
      @NotNull
          @NotIdentifying
          @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VolunteerRequests.VOLUNTEER)
          String volunteerId,
      @NotNull
          @NotIdentifying
          @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = VolunteerRequests.REF)
          String beneficiaryRef,
      @NotNull Relation relation,
      @NotNull @Past LocalDate beneficiaryBirthDate,
      @NotNull @Pattern(regexp = FieldRules.SERVICE_CATEGORY, message = VolunteerRequests.CODE)
          String serviceCategory,
      @NotNull @Min(1) @Max(1_000_000) Integer requestedMinutes,
      @Valid ConsentRequest consent) {

    /**
     * @return this request under a redemption id the adapter made
     */
    public Request withId(String id) {
      return new Request(
          id,
          volunteerId,
          beneficiaryRef,
          relation,
          beneficiaryBirthDate,
          serviceCategory,
          requestedMinutes,
          consent);
    }
  }

  /** The care was given: how many of the held minutes it used; the rest is released. */
  @Schema(name = "RedemptionSettlement")
  public record Settlement(@NotNull @Min(1) @Max(1_000_000) Integer usedMinutes) {}

  /** The care will not be given: the hold is released. */
  @Schema(name = "RedemptionCancellation")
  public record Cancellation(@NotBlank @Size(max = 500) String reason) {}
}
