package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.node.correction.CorrectionService;
import org.tbx.node.transfer.TransferService;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.protocol.auth.Roles;

/**
 * Writes about hours already banked: gifts, donations, reversals of mistakes, ratings of services.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoursResource {

  private static final String BODY = "a JSON body is required";

  private final TransferService transfers;
  private final CorrectionService corrections;

  HoursResource(TransferService transfers, CorrectionService corrections) {
    this.transfers = transfers;
    this.corrections = corrections;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/gifts")
  @Operation(summary = "Gift some of a volunteer's hours to a relative the rulebook allows")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response gift(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Gift request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, transfers.gift(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/donations")
  @Operation(summary = "Donate some of a volunteer's hours to a pool")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response donate(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Donation request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, transfers.donate(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/reversals")
  @Operation(
      summary = "Reverse an earlier event of this bank (a correction pointing at the original)")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response reverse(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Reversal request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, corrections.reverse(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/ratings")
  @Operation(summary = "Rate a service this bank recorded (1 to 5 stars)")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response rate(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Rating request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, corrections.rate(key, request));
  }
}
