package org.tbx.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What a token must also satisfy beyond its signature, issuer, audience and expiry (PROTOCOL.md
 * section 13): exactly one role, issued no later than now plus the clock skew, valid no longer than
 * its role allows, carrying a {@code jti} that is not revoked.
 */
@ConfigMapping(prefix = "tbx.tokens")
public interface TokenRules {

  /** How far a token's {@code iat} may lie in the future (clocks differ). */
  @WithDefault("PT60S")
  Duration clockSkew();

  /** Longest lifetime ({@code exp - iat}) of an admin token. */
  @WithDefault("P1D")
  Duration adminMaxLifetime();

  /** Longest lifetime of a regulator token. */
  @WithDefault("P31D")
  Duration regulatorMaxLifetime();

  /** Longest lifetime of a bank's (node) token. */
  @WithDefault("P366D")
  Duration nodeMaxLifetime();

  /** Longest lifetime of a volunteer token. */
  @WithDefault("P1D")
  Duration volunteerMaxLifetime();

  /** How many verified tokens are remembered, so a repeated request skips the signature check. */
  @WithDefault("10000")
  int cacheSize();
}
