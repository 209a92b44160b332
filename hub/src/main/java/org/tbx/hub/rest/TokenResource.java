package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.security.Caller;
import org.tbx.hub.security.TokenRevocations;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/**
 * Revoked API tokens: the operator revokes a token by its {@code jti}; the hub refuses it on the
 * next request, and the adapters, which read this list, within their refresh interval.
 */
@Path("/api/v1/tokens/revocations")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  /**
   * A token to revoke.
   *
   * @param jti the token's id ({@code jti} claim)
   * @param reason why, kept with the revocation
   */
  public record RevokeRequest(
      @NotNull @NotBlank @Size(max = 200) String jti,
      @NotNull @NotBlank @Size(max = 500) String reason) {}

  private final TokenRevocations revocations;
  private final Caller caller;

  TokenResource(TokenRevocations revocations, Caller caller) {
    this.revocations = revocations;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Revoke an API token by its jti; revoking it again keeps the first reason")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = TokenRevocations.Revocation.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response revoke(@Valid @NotNull RevokeRequest request) {
    return Response.status(Response.Status.CREATED)
        .entity(revocations.revoke(request.jti(), request.reason(), caller.subject()))
        .build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary = "Every revoked token, newest first (the adapters refresh their copy from it)")
  public List<TokenRevocations.Revocation> list() {
    return revocations.all();
  }
}
