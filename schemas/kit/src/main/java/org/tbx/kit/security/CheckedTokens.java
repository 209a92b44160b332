package org.tbx.kit.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tbx.protocol.auth.Roles;

/**
 * Verifies API tokens: SmallRye JWT checks signature, issuer, audience and expiry; then the
 * federation's own rules ({@link TokenRules}) and the revocation list. A verified token is
 * remembered until it expires, so a repeated request does not pay the RSA signature check again;
 * the rules that change with time (expiry, revocation) are checked again on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CheckedTokens extends JWTCallerPrincipalFactory {

  private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
  private final Map<String, JWTCallerPrincipal> verified = new ConcurrentHashMap<>();
  private final TokenRules rules;
  private final Instance<RevocationList> revocations;

  /** Wall time, as SmallRye JWT uses for expiry: not the ledger's clock, which tests move. */
  private final Clock clock = Clock.systemUTC();

  CheckedTokens(TokenRules rules, Instance<RevocationList> revocations) {
    this.rules = rules;
    this.revocations = revocations;
  }

  @Override
  public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
    Instant now = clock.instant();
    JWTCallerPrincipal principal = verified.get(token);
    if (principal == null) {
      principal = verifier.parse(token, context);
      checkShape(principal, now);
      if (verified.size() >= rules.cacheSize()) {
        verified.entrySet().removeIf(e -> expired(e.getValue(), now, context));
        if (verified.size() >= rules.cacheSize()) {
          verified.clear();
        }
      }
      verified.put(token, principal);
    } else if (expired(principal, now, context)) {
      verified.remove(token);
      throw new ParseException("the token has expired");
    }
    String jti = principal.getTokenID();
    for (RevocationList list : revocations) {
      Optional<String> why = list.revoked(jti);
      if (why.isPresent()) {
        throw new ParseException("the token (jti " + jti + ") was revoked: " + why.get());
      }
    }
    return principal;
  }

  /**
   * The rules a token's claims must keep whatever the time: one role, a sane iat, a bounded
   * lifetime, a jti.
   */
  private void checkShape(JWTCallerPrincipal principal, Instant now) throws ParseException {
    Set<String> groups = principal.getGroups();
    if (groups == null || groups.size() != 1) {
      throw new ParseException(
          "a token carries exactly one role in groups, this one carries "
              + (groups == null ? 0 : groups.size())
              + " "
              + groups);
    }
    String role = groups.iterator().next();
    if (principal.getTokenID() == null || principal.getTokenID().isBlank()) {
      throw new ParseException("the token has no jti: it could not be revoked, so it is refused");
    }
    long iat = principal.getIssuedAtTime();
    if (iat <= 0) {
      throw new ParseException("the token has no iat (issued-at) claim");
    }
    Instant issued = Instant.ofEpochSecond(iat);
    if (issued.isAfter(now.plus(rules.clockSkew()))) {
      throw new ParseException(
          "the token was issued in the future (iat " + issued + ", now " + now + ")");
    }
    Duration lifetime = Duration.ofSeconds(principal.getExpirationTime() - iat);
    Duration most = maxLifetime(role);
    if (lifetime.compareTo(most) > 0) {
      throw new ParseException(
          "a " + role + " token may be valid for at most " + most + ", this one for " + lifetime);
    }
  }

  private Duration maxLifetime(String role) throws ParseException {
    return switch (role) {
      case Roles.ADMIN -> rules.adminMaxLifetime();
      case Roles.REGULATOR -> rules.regulatorMaxLifetime();
      case Roles.NODE -> rules.nodeMaxLifetime();
      case Roles.VOLUNTEER -> rules.volunteerMaxLifetime();
      default -> throw new ParseException("the token's role " + role + " is none of " + Roles.ALL);
    };
  }

  private static boolean expired(
      JWTCallerPrincipal principal, Instant now, JWTAuthContextInfo context) {
    return Instant.ofEpochSecond(principal.getExpirationTime())
        .plusSeconds(context.getExpGracePeriodSecs())
        .isBefore(now);
  }
}
