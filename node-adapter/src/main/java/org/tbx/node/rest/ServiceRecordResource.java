package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
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

  /**
   * One record of a bulk request.
   *
   * @param key its idempotency key (as the Idempotency-Key header of a single record)
   */
  public record BulkItem(String key, ServiceRecordRequest record) {}

  /** Up to 1,000 records, each under its own idempotency key. */
  public record BulkRequest(@NotNull @Size(min = 1, max = 1000) List<BulkItem> items) {}

  /**
   * What became of one record of a bulk request.
   *
   * @param status 201 stored (replayed: stored before under the key), 400 or 409 refused
   * @param record the stored record, when stored
   * @param error the refusal, when refused: the field and the rule
   */
  public record BulkResult(
      String key,
      int status,
      boolean replayed,
      ServiceRecordResponse record,
      ErrorResponse error) {}

  /** The outcome of every record, in the order sent. */
  public record BulkResponse(int stored, int refused, List<BulkResult> results) {}

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record up to 1,000 services in one request and one transaction; each is stored or"
              + " refused on its own, as the single-record endpoint would (what the CSV import uses)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = BulkResponse.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public BulkResponse recordAll(
      @NotNull(message = "a JSON body is required") @Valid BulkRequest request) {
    List<ServiceRecordService.Item> items =
        service.recordAll(
            request.items().stream().map(i -> i == null ? null : i.key()).toList(),
            request.items().stream().map(i -> i == null ? null : i.record()).toList());
    List<BulkResult> results =
        items.stream()
            .map(
                i ->
                    i.refused() == null
                        ? new BulkResult(
                            i.key(), 201, i.recorded().replayed(), toResponse(i.recorded()), null)
                        : new BulkResult(
                            i.key(), i.refused().status(), false, null, i.refused().body()))
            .toList();
    int stored = (int) results.stream().filter(r -> r.status() == 201).count();
    return new BulkResponse(stored, results.size() - stored, results);
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
