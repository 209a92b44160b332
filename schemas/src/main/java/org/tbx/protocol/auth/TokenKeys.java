package org.tbx.protocol.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair API tokens are signed with, kept as PEM files (PKCS#8 private, X.509 public).
 */
public final class TokenKeys {

  /** The private key's file name in a key directory. */
  public static final String SIGNING_KEY = "token-signing-key.pem";

  /** The public key's file name: what {@code mp.jwt.verify.publickey.location} points at. */
  public static final String VERIFY_KEY = "token-verify-key.pem";

  private TokenKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate RSA keys", e);
    }
  }

  /** Writes both halves into {@code dir}, the private one readable by its owner only. */
  public static void write(KeyPair keys, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path signing = dir.resolve(SIGNING_KEY);
    Files.writeString(signing, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    try {
      Files.setPosixFilePermissions(signing, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions are all there is.
    }
    Files.writeString(dir.resolve(VERIFY_KEY), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
  }

  /**
   * @throws IllegalArgumentException when the file is not a PEM "PRIVATE KEY" (PKCS#8 RSA)
   */
  public static PrivateKey readPrivate(Path file) throws IOException {
    return parsePrivate(Files.readString(file), file.toString());
  }

  /**
   * @throws IllegalArgumentException when the text is not a PEM "PRIVATE KEY" (PKCS#8 RSA)
   */
  public static PrivateKey parsePrivate(String pem, String source) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", source)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          source + " is not a PKCS#8 RSA private key: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the file is not a PEM "PUBLIC KEY" (X.509 RSA)
   */
  public static PublicKey readPublic(Path file) throws IOException {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(
              new X509EncodedKeySpec(der(Files.readString(file), "PUBLIC KEY", file.toString())));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + " is not an X.509 RSA public key: " + e.getMessage(), e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(String pem, String type, String file) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file + " has no " + begin + " block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
