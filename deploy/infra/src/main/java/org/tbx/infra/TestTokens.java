package org.tbx.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.TokenKeys;

/**
 * API tokens for tests, signed with a key pair made once per test JVM in a temporary folder (no key
 * ships in any jar; {@link TbxTestResource} points the application under test at its public half),
 * and the broken tokens an authorization test needs.
 */
public final class TestTokens {

  /** Where this JVM's test key pair lives, shared by every class loader that loads this class. */
  private static final String DIR_PROPERTY = "tbx.infra.test-token-keys";

  private static final Path DIR = keyDir();
  private static final PrivateKey SIGNING = readKey();
  private static final PrivateKey STRANGER = TokenKeys.generate().getPrivate();

  private TestTokens() {}

  /** A valid token for an hour. */
  public static String token(String role, String subject) {
    return ApiTokens.mint(ApiTokens.Claims.of(role, subject, Duration.ofHours(1)), SIGNING);
  }

  /** A token that expired ten minutes ago, beyond the one-minute clock-skew allowance. */
  public static String expired(String role, String subject) {
    Instant issued = Instant.now().minus(Duration.ofMinutes(70));
    return ApiTokens.mint(
        new ApiTokens.Claims(
            ApiTokens.DEFAULT_ISSUER,
            ApiTokens.DEFAULT_AUDIENCE,
            role,
            subject,
            issued,
            Duration.ofHours(1)),
        SIGNING);
  }

  /** A token that expired the given seconds ago. */
  public static String expiredSecondsAgo(String role, String subject, long seconds) {
    Instant issued = Instant.now().minus(Duration.ofHours(1)).minusSeconds(seconds);
    return ApiTokens.mint(
        new ApiTokens.Claims(
            ApiTokens.DEFAULT_ISSUER,
            ApiTokens.DEFAULT_AUDIENCE,
            role,
            subject,
            issued,
            Duration.ofHours(1)),
        SIGNING);
  }

  public static String wrongIssuer(String role, String subject) {
    return ApiTokens.mint(
        new ApiTokens.Claims(
            "someone-else",
            ApiTokens.DEFAULT_AUDIENCE,
            role,
            subject,
            Instant.now(),
            Duration.ofHours(1)),
        SIGNING);
  }

  public static String wrongAudience(String role, String subject) {
    return ApiTokens.mint(
        new ApiTokens.Claims(
            ApiTokens.DEFAULT_ISSUER,
            "another-system",
            role,
            subject,
            Instant.now(),
            Duration.ofHours(1)),
        SIGNING);
  }

  /** A correctly signed token carrying two roles, which no token may. */
  public static String twoRoles(String role, String otherRole, String subject) {
    long now = Instant.now().getEpochSecond();
    return claims(subject, "[\"" + role + "\",\"" + otherRole + "\"]", now, now + 3600, true);
  }

  /** A correctly signed token issued an hour from now. */
  public static String issuedInTheFuture(String role, String subject) {
    long later = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
    return claims(subject, "[\"" + role + "\"]", later, later + 3600, true);
  }

  /** A correctly signed token valid for the given time. */
  public static String validFor(String role, String subject, Duration lifetime) {
    long now = Instant.now().getEpochSecond();
    return claims(subject, "[\"" + role + "\"]", now, now + lifetime.toSeconds(), true);
  }

  /** A correctly signed token without a {@code jti}, which could not be revoked. */
  public static String withoutId(String role, String subject) {
    long now = Instant.now().getEpochSecond();
    return claims(subject, "[\"" + role + "\"]", now, now + 3600, false);
  }

  /**
   * @return the token's {@code jti}
   */
  public static String idOf(String token) {
    String payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"jti\":\"([^\"]+)\"").matcher(payload);
    if (!m.find()) {
      throw new IllegalArgumentException("the token has no jti");
    }
    return m.group(1);
  }

  private static String claims(String subject, String groups, long iat, long exp, boolean jti) {
    return ApiTokens.sign(
        "{\"iss\":\""
            + ApiTokens.DEFAULT_ISSUER
            + "\",\"aud\":\""
            + ApiTokens.DEFAULT_AUDIENCE
            + "\",\"sub\":\""
            + subject
            + "\",\"upn\":\""
            + subject
            + "\",\"groups\":"
            + groups
            + ",\"iat\":"
            + iat
            + ",\"exp\":"
            + exp
            + (jti ? ",\"jti\":\"" + UUID.randomUUID() + "\"" : "")
            + "}",
        SIGNING);
  }

  /** A well-formed token signed by a key nobody configured. */
  public static String badSignature(String role, String subject) {
    return ApiTokens.mint(ApiTokens.Claims.of(role, subject, Duration.ofHours(1)), STRANGER);
  }

  /**
   * @return the file holding the public key that verifies these tokens
   */
  public static Path verifyKey() {
    return DIR.resolve(TokenKeys.VERIFY_KEY);
  }

  /**
   * @return the file holding the private key these tokens are signed with (a hub mints admitted
   *     banks' tokens with it)
   */
  public static Path signingKey() {
    return DIR.resolve(TokenKeys.SIGNING_KEY);
  }

  private static Path keyDir() {
    synchronized (System.getProperties()) {
      String known = System.getProperty(DIR_PROPERTY);
      if (known != null) {
        return Path.of(known);
      }
      try {
        Path dir = Files.createTempDirectory("tbx-test-tokens");
        TokenKeys.write(TokenKeys.generate(), dir);
        System.setProperty(DIR_PROPERTY, dir.toString());
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("making the test token keys failed", e);
      }
    }
  }

  private static PrivateKey readKey() {
    try {
      return TokenKeys.readPrivate(DIR.resolve(TokenKeys.SIGNING_KEY));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
