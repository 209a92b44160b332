package org.tbx.node.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/**
 * Refuses a bank's token on another bank's adapter: a node token acts only for the node it names.
 */
public class OwnNodeOnly {

  @Inject JsonWebToken token;

  @ConfigProperty(name = "tbx.node.id")
  String nodeId;

  @ServerRequestFilter
  public Optional<Response> check() {
    if (token.getRawToken() == null
        || !token.getGroups().contains(Roles.NODE)
        || nodeId.equals(token.getSubject())) {
      return Optional.empty();
    }
    return Optional.of(
        Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.APPLICATION_JSON)
            .entity(
                ErrorResponse.of(
                    "FORBIDDEN",
                    "this adapter serves node "
                        + nodeId
                        + "; the token is for node "
                        + token.getSubject()))
            .build());
  }
}
