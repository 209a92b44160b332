package org.tbx.hub.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up says which variable to set for tokens and for the identity provider. */
class TokenSettingsTest {

  private static final Optional<String> KEYS = Optional.of("https://idp.example/jwks");

  @Test
  void anIdentityProviderTurnedOnNeedsItsIssuerAndTheClientSecret() {
    assertTrue(
        refused(true, Optional.of("http://identity-provider.invalid"), Optional.of("s"))
            .contains("TBX_OIDC_ISSUER"));
    assertTrue(
        refused(true, Optional.of("https://idp.example"), Optional.empty())
            .contains("TBX_OIDC_CLIENT_SECRET"));
    assertDoesNotThrow(
        () ->
            new TokenSettings(
                KEYS, true, Optional.of("https://idp.example"), Optional.of("a-secret")));
    assertDoesNotThrow(
        () ->
            new TokenSettings(
                KEYS, false, Optional.of("http://identity-provider.invalid"), Optional.empty()));
  }

  @Test
  void noTokenKeyIsRefusedNamingTheVariable() {
    assertTrue(
        assertThrows(
                IllegalStateException.class,
                () ->
                    new TokenSettings(
                        Optional.of("not-set"), false, Optional.empty(), Optional.empty()))
            .getMessage()
            .startsWith("TBX_JWT_PUBLIC_KEY is not set"));
  }

  private static String refused(boolean enabled, Optional<String> issuer, Optional<String> secret) {
    return assertThrows(
            IllegalStateException.class, () -> new TokenSettings(KEYS, enabled, issuer, secret))
        .getMessage();
  }
}
