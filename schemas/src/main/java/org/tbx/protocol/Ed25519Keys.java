package org.tbx.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 keys and signatures as the protocol uses them (JDK built-in): raw 32-byte public keys,
 * key ids, and signatures over a domain tag, a zero byte, then the signed bytes.
 */
public final class Ed25519Keys {

  /** Domain tag of a bank's batch signature. */
  public static final String NODE_BATCH_DOMAIN = "tbx/v1/node-batch";

  /** Domain tag of the hub's notice batch signature. */
  public static final String NOTICE_BATCH_DOMAIN = "tbx/v1/notice-batch";

  /** Domain tag of the hub's log checkpoint signature. */
  public static final String CHECKPOINT_DOMAIN = "tbx/v1/checkpoint";

  /** Domain tag of a volunteer's consent to a debit (PROTOCOL.md section 14). */
  public static final String CONSENT_DOMAIN = "tbx/v1/consent";

  /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key; the raw key follows. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519Keys() {}

  /**
   * @return a fresh key pair
   */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /**
   * @return the 32 raw bytes of an Ed25519 public key
   */
  public static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  /**
   * @param raw 32 raw bytes
   * @return the public key
   * @throws IllegalArgumentException when the bytes are not an Ed25519 public key
   */
  public static PublicKey publicKey(byte[] raw) {
    if (raw == null || raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * @param pkcs8 a PKCS#8 encoded private key, as {@link PrivateKey#getEncoded()} returns it
   * @throws IllegalArgumentException when the bytes are not an Ed25519 private key
   */
  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /**
   * @return the key id: lower-case hex of the first 8 bytes of SHA-256 of the raw public key
   */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(rawPublicKey(key)), 8));
  }

  /**
   * @return the signature over {@code domain || 0x00 || message}
   */
  public static byte[] sign(String domain, PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(domain.getBytes(StandardCharsets.US_ASCII));
      s.update((byte) 0);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /**
   * @return whether {@code signature} is the key's signature over {@code domain || 0x00 || message}
   */
  public static boolean verify(String domain, PublicKey key, byte[] message, byte[] signature) {
    Objects.requireNonNull(key, "key");
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    byte[] prefix = domain.getBytes(StandardCharsets.US_ASCII);
    byte[] signed = new byte[prefix.length + 1 + message.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(message, 0, signed, prefix.length + 1, message.length);
    try {
      // Bouncy Castle's RFC 8032 verification, 7 times the JDK's speed; like the JDK's it refuses a
      // non-canonical S and a public key that is not a valid point.
      return Ed25519.verify(signature, 0, rawPublicKey(key), 0, signed, 0, signed.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * @return SHA-256 of the bytes
   */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
