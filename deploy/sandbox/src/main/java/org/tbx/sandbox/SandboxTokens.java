package org.tbx.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.auth.TokenKeys;

/**
 * The sandbox's secrets, made on first start in a key directory and kept across runs: the token
 * issuer's key pair (and the tokens minted with it for the hub, the adapters, the demo traffic and
 * the person trying the sandbox), and the banks' shared volunteer-id key.
 */
final class SandboxTokens {

  private static final Duration TTL = Duration.ofDays(30);

  private final Path verifyKey;
  private final Path signingKeyFile;
  private final PrivateKey signingKey;
  private final String volunteerIdKey;

  private SandboxTokens(
      Path verifyKey, Path signingKeyFile, PrivateKey signingKey, String volunteerIdKey) {
    this.verifyKey = verifyKey;
    this.signingKeyFile = signingKeyFile;
    this.signingKey = signingKey;
    this.volunteerIdKey = volunteerIdKey;
  }

  /** Reads the key pair in {@code dir}, making it first if there is none. */
  static SandboxTokens in(Path dir) {
    try {
      if (!Files.exists(dir.resolve(TokenKeys.SIGNING_KEY))) {
        TokenKeys.write(TokenKeys.generate(), dir);
      }
      Path volunteerIdKey = dir.resolve("volunteer-id.key");
      if (!Files.exists(volunteerIdKey)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(volunteerIdKey, HexFormat.of().formatHex(key));
      }
      return new SandboxTokens(
          dir.resolve(TokenKeys.VERIFY_KEY),
          dir.resolve(TokenKeys.SIGNING_KEY),
          TokenKeys.readPrivate(dir.resolve(TokenKeys.SIGNING_KEY)),
          Files.readString(volunteerIdKey).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make or read the token keys in " + dir, e);
    }
  }

  /** The public key file the hub and adapters verify tokens with ({@code TBX_JWT_PUBLIC_KEY}). */
  Path verifyKey() {
    return verifyKey;
  }

  /** The issuer's private key file the hub mints admitted banks' tokens with. */
  Path signingKeyFile() {
    return signingKeyFile;
  }

  /**
   * The federation's volunteer-id key every bank shares and the hub never sees ({@code
   * TBX_VOLUNTEER_ID_KEY}).
   */
  String volunteerIdKey() {
    return volunteerIdKey;
  }

  /**
   * @return a token valid for as long as its role allows (PROTOCOL.md section 13), at most 30 days
   */
  String mint(String role, String subject) {
    Duration ttl = Roles.DEFAULT_MAX_LIFETIME.get(role);
    return ApiTokens.mint(
        ApiTokens.Claims.of(role, subject, ttl.compareTo(TTL) < 0 ? ttl : TTL), signingKey);
  }

  String admin() {
    return mint(Roles.ADMIN, "sandbox-admin");
  }

  String node(String nodeId) {
    return mint(Roles.NODE, nodeId);
  }
}
