package org.tbx.infra;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.consent.Consents;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * A volunteer in tests: their federation id and the consent key only their device holds, which
 * signs their consent to a debit (PROTOCOL.md section 14).
 */
public class TestVolunteer {

  public final String id;
  public final KeyPair key = Ed25519Keys.generate();

  public TestVolunteer(String id) {
    this.id = id;
  }

  /**
   * @return the public half the home bank registers at enrollment, as 64 hex digits
   */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(key.getPublic()));
  }

  /** The volunteer's consent to one debit by one bank, valid for an hour. */
  public VolunteerConsent consent(String nodeId, ConsentPurpose purpose, int maxMinutes) {
    return consent(nodeId, purpose, maxMinutes, Instant.now().plus(Duration.ofHours(1)));
  }

  public VolunteerConsent consent(
      String nodeId, ConsentPurpose purpose, int maxMinutes, Instant expiresAt) {
    return Consents.sign(
        UUID.randomUUID().toString(),
        id,
        nodeId,
        purpose,
        maxMinutes,
        expiresAt,
        key.getPrivate(),
        key.getPublic());
  }

  /** The consent as a bank's API takes it: a JSON object. */
  public String consentJson(String nodeId, ConsentPurpose purpose, int maxMinutes) {
    return Consents.json(consent(nodeId, purpose, maxMinutes));
  }

  /**
   * @return the body enrolling this volunteer at a bank's adapter, with how the bank verified them
   *     and, for the home bank, the consent key to register
   */
  public String enrollmentJson(String birthDate, boolean registerKey) {
    return "{\"volunteerId\":\""
        + id
        + "\",\"birthDate\":\""
        + birthDate
        + "\",\"verification\":{\"method\":\"ID_CARD_AND_FACE\",\"verifiedByRef\":\"clerk-1\"}"
        + (registerKey ? ",\"consentPublicKeyHex\":\"" + publicKeyHex() + "\"" : "")
        + "}";
  }
}
