package org.tbx.kit.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.Topics;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * A volunteer's signed consent to one debit by a bank, as the volunteer's app (or {@code
 * ConsentTool sign}) hands it over, in JSON: the adapter carries it to the hub in the debit's
 * event, the hub's API takes it for a benefit; the hub verifies the signature against the key the
 * home bank registered (PROTOCOL.md section 14).
 *
 * @param consentId the volunteer's UUID for this consent; usable once
 * @param volunteerId whose minutes
 * @param nodeId the bank that may debit: this one
 * @param purpose REDEMPTION, GIFT or DONATION
 * @param maxMinutes the most minutes the debit may move
 * @param expiresAt when the consent lapses
 * @param keyId the volunteer's consent key that signed it
 * @param signatureHex the Ed25519 signature, 128 hex digits
 */
public record ConsentRequest(
    @NotNull UUID consentId,
    @NotNull
        @Pattern(
            regexp = FieldRules.VOLUNTEER_ID,
            message = "must match " + FieldRules.VOLUNTEER_ID)
        String volunteerId,
    @NotNull String nodeId,
    @NotNull ConsentPurpose purpose,
    @NotNull @Min(1) @Max(1_000_000) Integer maxMinutes,
    @NotNull Instant expiresAt,
    @NotNull
        @Pattern(regexp = "[0-9a-f]{16}", message = "must be a key id: 16 lower-case hex digits")
        String keyId,
    @NotNull @Pattern(regexp = "[0-9a-fA-F]{128}", message = "must be 128 hex digits (Ed25519)")
        String signatureHex) {

  /**
   * @return the consent as the event carries it, or null when none is given and the rulebook asks
   *     for none
   * @throws ApiException when the rulebook asks for consent and none is given, or it is for another
   *     debit
   */
  public static VolunteerConsent forDebit(
      ConsentRequest given,
      String debitedVolunteer,
      String thisNode,
      ConsentPurpose debit,
      int minutes) {
    Rulebook rules = Rulebooks.current();
    if (given != null) {
      return given.forDebit(debitedVolunteer, thisNode, debit);
    }
    if (rules.consentRequired(debit, minutes)) {
      throw ApiException.invalid(
          "consent",
          "CONSENT_REQUIRED",
          "rulebook "
              + rules.version()
              + " needs the volunteer's signed consent for a "
              + debit
              + " of "
              + minutes
              + " minutes (PROTOCOL.md section 14)");
    }
    return null;
  }

  /**
   * @return the consent as the event carries it, after checking it is for this debit
   * @throws ApiException naming the field when it is for another volunteer, bank or kind of debit
   */
  public VolunteerConsent forDebit(String debitedVolunteer, String thisNode, ConsentPurpose debit) {
    if (!volunteerId.equals(debitedVolunteer)) {
      throw ApiException.invalid(
          "consent.volunteerId",
          "CONSENT_WRONG_VOLUNTEER",
          "the consent is volunteer " + volunteerId + "'s, not " + debitedVolunteer + "'s");
    }
    if (!Topics.NODE_ID.matcher(nodeId).matches() || !nodeId.equals(thisNode)) {
      throw ApiException.invalid(
          "consent.nodeId",
          "CONSENT_WRONG_BANK",
          "the consent lets bank " + nodeId + " debit, not this bank (" + thisNode + ")");
    }
    if (purpose != debit) {
      throw ApiException.invalid(
          "consent.purpose",
          "CONSENT_WRONG_PURPOSE",
          "the consent is for a " + purpose + ", not a " + debit);
    }
    return new VolunteerConsent(
        consentId.toString(),
        volunteerId,
        nodeId,
        purpose,
        maxMinutes,
        expiresAt,
        keyId,
        ByteBuffer.wrap(HexFormat.of().parseHex(signatureHex)));
  }
}
