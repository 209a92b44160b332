package org.tbx.protocol.consent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * A volunteer's consent to one debit by one bank, signed with the consent key the volunteer holds
 * (PROTOCOL.md section 14). The signed message is text, so any implementation can build it:
 *
 * <pre>
 * "tbx/v1/consent" 0x00 UTF-8 of:
 * consent &lt;consentId&gt;
 * volunteer &lt;volunteerId&gt;
 * node &lt;nodeId&gt;
 * purpose &lt;REDEMPTION | GIFT | DONATION&gt;
 * max-minutes &lt;maxMinutes&gt;
 * expires &lt;expiresAt, epoch milliseconds&gt;
 * </pre>
 *
 * <p>(each line ends with a line feed).
 */
public final class Consents {

  private Consents() {}

  /**
   * @return the bytes a consent's signature covers, after the domain tag
   */
  public static byte[] message(VolunteerConsent c) {
    return message(
        c.getConsentId(),
        c.getVolunteerId(),
        c.getNodeId(),
        c.getPurpose().name(),
        c.getMaxMinutes(),
        c.getExpiresAt().toEpochMilli());
  }

  /**
   * @return the bytes a consent's signature covers, after the domain tag (JDK types only)
   */
  public static byte[] message(
      String consentId,
      String volunteerId,
      String nodeId,
      String purpose,
      int maxMinutes,
      long expiresAtMillis) {
    return ("consent "
            + consentId
            + "\nvolunteer "
            + volunteerId
            + "\nnode "
            + nodeId
            + "\npurpose "
            + purpose
            + "\nmax-minutes "
            + maxMinutes
            + "\nexpires "
            + expiresAtMillis
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Signs a consent with the volunteer's key.
   *
   * @param consentId a fresh UUID, so the consent can be used once
   * @param nodeId the bank that may debit
   * @param maxMinutes the most minutes it may move, at least 1
   * @param expiresAt when it lapses
   */
  public static VolunteerConsent sign(
      String consentId,
      String volunteerId,
      String nodeId,
      ConsentPurpose purpose,
      int maxMinutes,
      Instant expiresAt,
      PrivateKey volunteerKey,
      PublicKey volunteerPublicKey) {
    Objects.requireNonNull(volunteerKey, "volunteerKey");
    VolunteerConsent c =
        new VolunteerConsent(
            consentId,
            volunteerId,
            nodeId,
            purpose,
            maxMinutes,
            expiresAt,
            Ed25519Keys.keyId(volunteerPublicKey),
            ByteBuffer.allocate(0));
    c.setSignature(
        ByteBuffer.wrap(Ed25519Keys.sign(Ed25519Keys.CONSENT_DOMAIN, volunteerKey, message(c))));
    return c;
  }

  /**
   * @return whether the consent is signed by this key and names it
   */
  public static boolean signedBy(VolunteerConsent c, PublicKey volunteerPublicKey) {
    if (!Ed25519Keys.keyId(volunteerPublicKey).equals(c.getKeyId())) {
      return false;
    }
    ByteBuffer signature = c.getSignature().duplicate();
    byte[] bytes = new byte[signature.remaining()];
    signature.get(bytes);
    return Ed25519Keys.verify(Ed25519Keys.CONSENT_DOMAIN, volunteerPublicKey, message(c), bytes);
  }

  /**
   * @return the consent as the JSON object a bank's API takes (PROTOCOL.md section 14): the
   *     signature as {@code signatureHex}, the expiry as an ISO-8601 instant
   */
  public static String json(VolunteerConsent c) {
    ByteBuffer signature = c.getSignature().duplicate();
    byte[] bytes = new byte[signature.remaining()];
    signature.get(bytes);
    return "{\"consentId\":"
        + quoted(c.getConsentId())
        + ",\"volunteerId\":"
        + quoted(c.getVolunteerId())
        + ",\"nodeId\":"
        + quoted(c.getNodeId())
        + ",\"purpose\":\""
        + c.getPurpose()
        + "\",\"maxMinutes\":"
        + c.getMaxMinutes()
        + ",\"expiresAt\":\""
        + c.getExpiresAt()
        + "\",\"keyId\":"
        + quoted(c.getKeyId())
        + ",\"signatureHex\":\""
        + HexFormat.of().formatHex(bytes)
        + "\"}";
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
