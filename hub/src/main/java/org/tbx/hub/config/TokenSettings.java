package org.tbx.hub.config;

import io.quarkus.runtime.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start without a way to verify API tokens, or with sign-in at an identity provider
 * turned on but not configured, and says which variable to set.
 */
@Startup
@Priority(1)
@ApplicationScoped
public class TokenSettings {

  TokenSettings(
      @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean identityProvider,
      @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
      @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> secret) {
    if (identityProvider
        && issuer.filter(i -> !i.contains("identity-provider.invalid")).isEmpty()) {
      throw new IllegalStateException(
          "TBX_OIDC_ENABLED is true but TBX_OIDC_ISSUER is not set: the issuer URL of the"
              + " regulator's identity provider (its /.well-known/openid-configuration is read)");
    }
    if (identityProvider && secret.filter(x -> !x.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "TBX_OIDC_ENABLED is true but TBX_OIDC_CLIENT_SECRET is not set: the hub's client"
              + " secret at the identity provider (32 characters or more)");
    }
    if (location.isEmpty() || location.get().isBlank() || location.get().equals("not-set")) {
      throw new IllegalStateException(
          "TBX_JWT_PUBLIC_KEY is not set: the PEM public key API tokens are verified with "
              + "(token-verify-key.pem from TokenTool keygen), or an OIDC provider's JWKS URL");
    }
    String value = location.get();
    boolean url = value.startsWith("http://") || value.startsWith("https://");
    boolean file = value.startsWith("/") || value.startsWith("file:");
    if (file && !url && !Files.isReadable(Path.of(value.replaceFirst("^file:", "")))) {
      throw new IllegalStateException(
          "TBX_JWT_PUBLIC_KEY names " + value + ", which cannot be read");
    }
  }
}
