package org.tbx.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.auth.TokenKeys;

/**
 * The sandbox's token issuer: a key pair made on first start in a key directory and kept across runs, and the
 * tokens minted with it for the hub, the adapters, the demo traffic and the person trying the sandbox.
 */
final class SandboxTokens {

  private static final Duration TTL = Duration.ofDays(30);

  private final Path verifyKey;
  private final PrivateKey signingKey;

  private SandboxTokens(Path verifyKey, PrivateKey signingKey) {
    this.verifyKey = verifyKey;
    this.signingKey = signingKey;
  }

  /** Reads the key pair in {@code dir}, making it first if there is none. */
  static SandboxTokens in(Path dir) {
    try {
      if (!Files.exists(dir.resolve(TokenKeys.SIGNING_KEY))) {
        TokenKeys.write(TokenKeys.generate(), dir);
      }
      return new SandboxTokens(dir.resolve(TokenKeys.VERIFY_KEY), TokenKeys.readPrivate(dir.resolve(TokenKeys.SIGNING_KEY)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make or read the token keys in " + dir, e);
    }
  }

  /** The public key file the hub and adapters verify tokens with ({@code TBX_JWT_PUBLIC_KEY}). */
  Path verifyKey() {
    return verifyKey;
  }

  /** @return a token valid for 30 days */
  String mint(String role, String subject) {
    return ApiTokens.mint(ApiTokens.Claims.of(role, subject, TTL), signingKey);
  }

  String admin() {
    return mint(Roles.ADMIN, "sandbox-admin");
  }

  String node(String nodeId) {
    return mint(Roles.NODE, nodeId);
  }
}
