package org.tbx.kit.keys;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An Ed25519 key that signs a service's batches or checkpoints.
 *
 * @param keyId the protocol's key id: hex of the first 8 bytes of SHA-256 over the raw public key
 * @param publicKey the raw 32-byte public key
 * @param active whether it signs what is sealed from now on
 * @param createdAt when it was made or adopted
 */
public record SigningKey(
    String keyId, byte[] publicKey, PrivateKey privateKey, boolean active, Instant createdAt) {

  public String publicKeyHex() {
    return HexFormat.of().formatHex(publicKey);
  }
}
