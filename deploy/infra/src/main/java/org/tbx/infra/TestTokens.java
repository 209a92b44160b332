package org.tbx.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.TokenKeys;

/**
 * API tokens for tests, signed with the test-only key pair in {@code org/tbx/infra/test-tokens}
 * (never used outside tests; {@link TbxTestResource} points the application under test at its
 * public half), and the broken tokens an authorization test needs.
 */
public final class TestTokens {

  /** The classpath location of the test verification key. */
  public static final String VERIFY_KEY_RESOURCE =
      "org/tbx/infra/test-tokens/" + TokenKeys.VERIFY_KEY;

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

  /** A well-formed token signed by a key nobody configured. */
  public static String badSignature(String role, String subject) {
    return ApiTokens.mint(ApiTokens.Claims.of(role, subject, Duration.ofHours(1)), STRANGER);
  }

  private static PrivateKey readKey() {
    String resource = "org/tbx/infra/test-tokens/" + TokenKeys.SIGNING_KEY;
    try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return TokenKeys.parsePrivate(
          new String(in.readAllBytes(), StandardCharsets.US_ASCII), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
