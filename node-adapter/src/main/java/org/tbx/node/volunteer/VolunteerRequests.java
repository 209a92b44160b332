package org.tbx.node.volunteer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.tbx.kit.api.ConsentRequest;
import org.tbx.kit.api.NotIdentifying;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.RaterRole;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.VerificationMethod;

/** The request bodies of the local API's writes about volunteers and their hours. */
public final class VolunteerRequests {

  private VolunteerRequests() {}

  public static final String VOLUNTEER = "must match " + FieldRules.VOLUNTEER_ID;
  public static final String REF = "must match " + FieldRules.PSEUDONYMOUS_REF;
  public static final String CODE = "must match " + FieldRules.SERVICE_CATEGORY;

  /**
   * Enrolls a volunteer with the federation.
   *
   * @param volunteerId the federation volunteer id, when the bank has it already; else give {@code
   *     nationalId}
   * @param nationalId the volunteer's resident ID number: the adapter derives the federation
   *     volunteer id from it (a keyed hash, {@code TBX_VOLUNTEER_ID_KEY}) and forgets it; it is
   *     never stored, sent or logged
   * @param birthDate for the rulebook's age limits
   * @param accountType INDIVIDUAL, or GROUP (hours may only be donated)
   * @param guardianVolunteerId who acts for a volunteer who cannot act alone, if anyone
   * @param verification how and by whom the bank checked the person's real name
   * @param consentPublicKeyHex the consent key the volunteer holds (raw Ed25519 public key, 64 hex
   *     digits), registered when this bank is their home bank; the private half never leaves the
   *     volunteer's device
   */
  public record Enrollment(
      @NotIdentifying @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER)
          String volunteerId,
      @Pattern(regexp = "[0-9]{17}[0-9Xx]", message = "must be an 18-character resident ID number")
          String nationalId,
      @NotNull @Past LocalDate birthDate,
      AccountType accountType,
      @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String guardianVolunteerId,
      @NotNull @Valid Verification verification,
      @Pattern(
              regexp = "[0-9a-fA-F]{64}",
              message = "must be 64 hex digits (a raw Ed25519 public key)")
          String consentPublicKeyHex) {}

  /**
   * How the bank verified a person's real name (实名) at enrollment.
   *
   * @param method e.g. ID_CARD_AND_FACE
   * @param verifiedByRef pseudonymous reference of the staff member who checked
   */
  public record Verification(
      @NotNull VerificationMethod method,
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REF)
          String verifiedByRef) {}

  /**
   * Records a certification a volunteer earned (training, e.g. {@code CARE_BASIC}).
   *
   * @param issuer pseudonymous reference of the body that certified
   * @param validUntil last valid day, if it expires
   */
  public record Certification(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull @Pattern(regexp = FieldRules.SERVICE_CATEGORY, message = CODE) String certification,
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REF) String issuer,
      LocalDate validUntil) {}

  /** Withdraws a certification. */
  public record CertificationRevocation(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull @Pattern(regexp = FieldRules.SERVICE_CATEGORY, message = CODE) String certification,
      @NotBlank @Size(max = 500) String reason) {}

  /** Records a volunteer's accident insurance, required by some service categories. */
  public record Insurance(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REF) String policyRef,
      @NotBlank @Size(max = 100) String insurer,
      @NotNull LocalDate validFrom,
      @NotNull LocalDate validUntil) {}

  /**
   * Moves a volunteer whose home bank is this one to another bank (PROTOCOL.md section 14).
   *
   * @param toNodeId the bank the volunteer moves to
   */
  public record Relocation(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull
          @Pattern(regexp = "[a-z][a-z0-9-]{1,31}", message = "must be a node id such as beihai")
          String toNodeId) {}

  /** Gives a relative some of a volunteer's hours, with the volunteer's consent. */
  public record Gift(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER)
          String recipientVolunteerId,
      @NotNull Relation relation,
      @NotNull @Min(1) @Max(1_000_000) Integer minutes,
      @Valid ConsentRequest consent) {}

  /**
   * Donates some of a volunteer's hours to a pool (e.g. {@code national}) for those in need, with
   * the volunteer's consent when the rulebook asks for it.
   */
  public record Donation(
      @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = VOLUNTEER) String volunteerId,
      @NotNull @Pattern(regexp = FieldRules.PSEUDONYMOUS_REF, message = REF) String poolId,
      @NotNull @Min(1) @Max(1_000_000) Integer minutes,
      @Valid ConsentRequest consent) {}

  /** Reverses an earlier event of this bank: a correction that points at the original. */
  public record Reversal(@NotNull UUID reversedEventId, @NotBlank @Size(max = 500) String reason) {}

  /** Rates a service: the basis of a volunteer's credit evaluation. */
  public record Rating(
      @NotNull UUID serviceEventId,
      @NotNull RaterRole raterRole,
      @NotNull @Min(1) @Max(5) Integer stars,
      @Size(max = 500) String comment) {}
}
