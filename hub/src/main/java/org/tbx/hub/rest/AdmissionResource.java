package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.membership.Admissions;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/** How a bank joins the federation in one step, and how it leaves. */
@Path("/api/v1/admissions")
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

  /**
   * A bank to admit.
   *
   * @param nodeId the new bank's id (lower-case letters, digits, hyphens)
   * @param publicKeyHex its Ed25519 public signing key, 64 hex digits; optional (register it later
   *     with {@code POST /api/v1/nodes/{nodeId}/keys})
   */
  public record AdmissionRequest(@NotNull String nodeId, String publicKeyHex) {}

  /**
   * Why a bank leaves.
   *
   * @param reason for the record, e.g. "the scheme merged into Guilin's"
   */
  public record OffboardingRequest(@NotNull String reason) {}

  private final Admissions admissions;
  private final Caller caller;
  private final Optional<String> publicUrl;

  AdmissionResource(Admissions admissions, Caller caller, HubConfig config) {
    this.admissions = admissions;
    this.caller = caller;
    this.publicUrl = config.publicUrl();
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Admit a bank: its Kafka login, topics and ACLs, its signing key and node token, answered"
              + " as one document (the password and token are shown only here)")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = Admissions.Admission.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed or reserved node id, malformed key",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The node id is taken (NODE_EXISTS, KAFKA_LOGIN_EXISTS)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "502",
      description = "Kafka refused (KAFKA_REFUSED); nothing was kept",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response admit(AdmissionRequest request, @Context UriInfo uri) {
    if (request == null) {
      throw ApiException.invalid("nodeId", "INVALID_FIELD", "is required");
    }
    String base = publicUrl.orElse(uri.getBaseUri().toString());
    String hubUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    Admissions.Admission admission =
        admissions.admit(request.nodeId(), request.publicKeyHex(), hubUrl, caller.subject());
    return Response.status(Response.Status.CREATED).entity(admission).build();
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/offboarding")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Offboard a bank: remove its Kafka login and ACLs, revoke its keys and admission token;"
              + " its history, accounts and volunteers' minutes stay")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Admissions.Offboarded.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The bank already left (NODE_OFFBOARDED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Admissions.Offboarded offboard(
      @PathParam("nodeId") String nodeId, OffboardingRequest request) {
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw ApiException.invalid("reason", "INVALID_FIELD", "is required");
    }
    return admissions.offboard(nodeId, request.reason(), caller.subject());
  }
}
