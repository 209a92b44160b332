package org.tbx.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Signatures verify only for their key, domain, message and canonical form. */
class Ed25519KeysTest {

  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private final KeyPair keys = Ed25519Keys.generate();
  private final byte[] message = "a batch body".getBytes(StandardCharsets.UTF_8);
  private final byte[] signature =
      Ed25519Keys.sign(Ed25519Keys.NODE_BATCH_DOMAIN, keys.getPrivate(), message);

  @Test
  void aSignatureVerifiesForItsKeyDomainAndMessageOnly() {
    assertTrue(
        Ed25519Keys.verify(Ed25519Keys.NODE_BATCH_DOMAIN, keys.getPublic(), message, signature));
    assertFalse(
        Ed25519Keys.verify(Ed25519Keys.CONSENT_DOMAIN, keys.getPublic(), message, signature),
        "a batch signature is no consent");
    assertFalse(
        Ed25519Keys.verify(
            Ed25519Keys.NODE_BATCH_DOMAIN, Ed25519Keys.generate().getPublic(), message, signature));
    byte[] edited = message.clone();
    edited[0] ^= 1;
    assertFalse(
        Ed25519Keys.verify(Ed25519Keys.NODE_BATCH_DOMAIN, keys.getPublic(), edited, signature));
  }

  @Test
  void aMalformedOrNonCanonicalSignatureIsRefusedNotThrown() {
    assertFalse(
        Ed25519Keys.verify(
            Ed25519Keys.NODE_BATCH_DOMAIN,
            keys.getPublic(),
            message,
            Arrays.copyOf(signature, 63)));
    assertFalse(Ed25519Keys.verify(Ed25519Keys.NODE_BATCH_DOMAIN, keys.getPublic(), message, null));
    // The same signature with S + L: valid arithmetic, but not the canonical encoding (RFC 8032).
    byte[] s = Arrays.copyOfRange(signature, 32, 64);
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = s[31 - i];
    }
    byte[] plusL = new BigInteger(1, bigEndian).add(L).toByteArray();
    byte[] malleated = signature.clone();
    for (int i = 0; i < 32; i++) {
      int from = plusL.length - 1 - i;
      malleated[32 + i] = from >= 0 ? plusL[from] : 0;
    }
    assertFalse(
        Ed25519Keys.verify(Ed25519Keys.NODE_BATCH_DOMAIN, keys.getPublic(), message, malleated));
  }
}
