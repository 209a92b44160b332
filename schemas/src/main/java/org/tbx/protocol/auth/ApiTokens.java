package org.tbx.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.Topics;

/**
 * Mints the federation's API tokens: RS256 JWTs with issuer, audience, subject, one role and an
 * expiry.
 */
public final class ApiTokens {

  /** The issuer the hub and adapters expect unless configured otherwise. */
  public static final String DEFAULT_ISSUER = "tbx";

  /** The audience the hub and adapters expect unless configured otherwise. */
  public static final String DEFAULT_AUDIENCE = "tbx-federation";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** What a token says. */
  public record Claims(
      String issuer, String audience, String role, String subject, Instant issuedAt, Duration ttl) {

    /**
     * @throws IllegalArgumentException naming the field that breaks a rule
     */
    public Claims {
      if (!Roles.ALL.contains(role)) {
        throw new IllegalArgumentException("role must be one of " + Roles.ALL + ", not " + role);
      }
      if (subject == null || subject.isBlank()) {
        throw new IllegalArgumentException(
            "subject is required: the node id, volunteer id or operator name");
      }
      if (role.equals(Roles.NODE) && !Topics.NODE_ID.matcher(subject).matches()) {
        throw new IllegalArgumentException(
            "a node token's subject must be a node id matching " + Topics.NODE_ID.pattern());
      }
      if (role.equals(Roles.VOLUNTEER) && !subject.matches(FieldRules.VOLUNTEER_ID)) {
        throw new IllegalArgumentException(
            "a volunteer token's subject must be a volunteer id matching "
                + FieldRules.VOLUNTEER_ID);
      }
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive");
      }
      Duration most = Roles.DEFAULT_MAX_LIFETIME.get(role);
      if (ttl.compareTo(most) > 0) {
        throw new IllegalArgumentException(
            "ttl: a " + role + " token may be valid for at most " + most + ", not " + ttl);
      }
    }

    /** A token of the default issuer and audience, valid from now. */
    public static Claims of(String role, String subject, Duration ttl) {
      return new Claims(DEFAULT_ISSUER, DEFAULT_AUDIENCE, role, subject, Instant.now(), ttl);
    }
  }

  private ApiTokens() {}

  /**
   * @return the signed compact JWT
   */
  public static String mint(Claims claims, PrivateKey signingKey) {
    String body =
        "{\"iss\":"
            + quoted(claims.issuer())
            + ",\"aud\":"
            + quoted(claims.audience())
            + ",\"sub\":"
            + quoted(claims.subject())
            + ",\"upn\":"
            + quoted(claims.subject())
            + ",\"groups\":["
            + quoted(claims.role())
            + "]"
            + ",\"iat\":"
            + claims.issuedAt().getEpochSecond()
            + ",\"exp\":"
            + claims.issuedAt().plus(claims.ttl()).getEpochSecond()
            + ",\"jti\":"
            + quoted(UUID.randomUUID().toString())
            + "}";
    return sign(body, signingKey);
  }

  /**
   * @return a compact RS256 JWT of the given claims (a JSON object), as they are
   */
  public static String sign(String claimsJson, PrivateKey signingKey) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String body = claimsJson;
    String signingInput =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(body.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(signingKey);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing a token failed", e);
    }
  }

  /** A JSON string literal. */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
