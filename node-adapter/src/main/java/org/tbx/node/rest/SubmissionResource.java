package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.protocol.auth.Roles;

/**
 * Everything this bank submitted, and how far each got: pending, published, accepted or rejected by
 * the hub.
 */
@Path("/api/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

  private static final Set<String> HUB_STATUSES = Set.of("ACCEPTED", "REJECTED");

  /** One page of submissions, newest first. */
  public record SubmissionPage(int page, int size, long total, List<SubmissionResponse> items) {}

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{eventId}")
  @Operation(summary = "One submission by its event id")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public SubmissionResponse get(@PathParam("eventId") String eventId) {
    return SubmissionResponse.of(
        OutboxEvent.forEventId(uuid("eventId", eventId))
            .orElseThrow(() -> ApiException.notFound("this bank submitted no event " + eventId)));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{eventId}/receipt")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The event's receipt: the hub's inclusion proof of it, verified here against a checkpoint")
  @APIResponse(
      responseCode = "200",
      description = "The proof as the hub served it (leafIndex, treeSize, leafData, proof)")
  @APIResponse(
      responseCode = "404",
      description = "No receipt yet (not accepted, or no checkpoint covers it yet)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response receipt(@PathParam("eventId") String eventId) {
    String proof =
        OutboxEvent.receiptProof(uuid("eventId", eventId))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no receipt for event "
                            + eventId
                            + " yet: it is not accepted, or no "
                            + "checkpoint covers it yet"));
    return Response.ok(proof).type(MediaType.APPLICATION_JSON).build();
  }

  /** The submissions to look up, by event id. */
  public record LookupRequest(@NotNull @Size(min = 1, max = 1000) List<UUID> eventIds) {}

  /**
   * How far one submission got.
   *
   * @param status PENDING, PUBLISHED, ACCEPTED or REJECTED
   */
  public record SubmissionState(UUID eventId, String status, String hubReason, String hubDetail) {}

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/lookup")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "How far up to 1,000 submissions got, by event id (how the CSV import waits for the hub's"
              + " verdicts); unknown ids are left out")
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<SubmissionState> lookup(
      @NotNull(message = "a JSON body is required") @Valid LookupRequest request) {
    return OutboxEvent.<OutboxEvent>list("eventId in ?1", request.eventIds()).stream()
        .map(e -> new SubmissionState(e.eventId, e.status(), e.hubReason, e.hubDetail))
        .toList();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "Submissions, newest first; filter by the hub's answer (ACCEPTED, REJECTED) and by event type")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = SubmissionPage.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public SubmissionPage list(
      @QueryParam("hubStatus") String hubStatus,
      @QueryParam("type") String type,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    if (hubStatus != null && !HUB_STATUSES.contains(hubStatus)) {
      throw ApiException.invalid(
          "hubStatus", "INVALID_FIELD", "must be one of " + HUB_STATUSES + ", was " + hubStatus);
    }
    OutboxEvent.Page found = OutboxEvent.page(hubStatus, type, page, size);
    return new SubmissionPage(
        page, size, found.total(), found.items().stream().map(SubmissionResponse::of).toList());
  }

  static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "INVALID_FIELD", "must be a UUID, was " + value);
    }
  }
}
