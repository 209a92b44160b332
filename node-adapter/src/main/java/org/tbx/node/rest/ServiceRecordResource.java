package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.node.service.ServiceRecordRequest;
import org.tbx.node.service.ServiceRecordService;
import org.tbx.protocol.auth.Roles;

/** The bank's local API for service records (the deposits that earn time credit). */
@Path("/api/v1/service-records")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceRecordResource {

  private final ServiceRecordService service;

  ServiceRecordResource(ServiceRecordService service) {
    this.service = service;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Record a service; it is stored with its outbox event and published to the hub")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = ServiceRecordResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The Idempotency-Key was used for a different request",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response record(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = "a JSON body is required") @Valid ServiceRecordRequest request,
      @Context UriInfo uri) {
    ServiceRecordService.Recorded recorded = service.record(key, request);
    return Writes.created(
        uri.getAbsolutePathBuilder().path(recorded.record().id.toString()).build(),
        toResponse(recorded),
        recorded.replayed());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{id}")
  @Operation(summary = "A submitted service record and whether it has been published")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ServiceRecordResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response get(@PathParam("id") String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(ErrorResponse.of("INVALID_FIELD", "id must be a UUID, was: " + id))
          .build();
    }
    return service
        .find(uuid)
        .map(r -> Response.ok(toResponse(r)))
        .orElseGet(
            () ->
                Response.status(Response.Status.NOT_FOUND)
                    .entity(ErrorResponse.of("NOT_FOUND", "no service record " + id)))
        .build();
  }

  private static ServiceRecordResponse toResponse(ServiceRecordService.Recorded r) {
    return new ServiceRecordResponse(
        r.record().id,
        r.event().eventId,
        r.record().volunteerId,
        r.record().serviceCategory,
        r.record().recipientRef,
        r.record().startedAt,
        r.record().actualMinutes,
        r.record().creditedMinutes,
        r.record().rulebookVersion,
        r.event().status(),
        r.event().sequence,
        r.event().publishedAt(),
        r.event().hubReason,
        r.event().hubDetail);
  }
}
