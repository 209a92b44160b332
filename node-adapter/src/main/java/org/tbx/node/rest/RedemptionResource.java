package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.kit.api.QueryParams;
import org.tbx.node.redemption.Redemption;
import org.tbx.node.redemption.RedemptionRequests;
import org.tbx.node.redemption.RedemptionService;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.RedemptionStatus;
import org.tbx.protocol.auth.Roles;

/** Redemptions requested at this bank: request, the hub's decision, settle or cancel. */
@Path("/api/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

  private static final String BODY = "a JSON body is required";

  private final RedemptionService redemptions;

  RedemptionResource(RedemptionService redemptions) {
    this.redemptions = redemptions;
  }

  /**
   * A redemption and the hub's decision about it.
   *
   * @param status REQUESTED (waiting for the hub), AUTHORIZED, DECLINED, SETTLED, CANCELLED or
   *     EXPIRED (the hold lapsed unsettled): the vocabulary the hub uses too
   * @param authorizedMinutes minutes the hub holds, once AUTHORIZED
   * @param expiresAt when the hub releases the hold unless settled
   * @param declineReason the hub's reason code, when DECLINED
   */
  public record RedemptionView(
      String redemptionId,
      String volunteerId,
      String beneficiaryRef,
      String relation,
      String serviceCategory,
      int requestedMinutes,
      String status,
      String holdId,
      Integer authorizedMinutes,
      Instant expiresAt,
      Integer usedMinutes,
      String declineReason,
      String declineDetail,
      Instant createdAt,
      Instant decidedAt) {

    static RedemptionView of(Redemption r) {
      return new RedemptionView(
          r.redemptionId,
          r.volunteerId,
          r.beneficiaryRef,
          r.relation,
          r.serviceCategory,
          r.requestedMinutes,
          r.status,
          r.holdId,
          r.authorizedMinutes,
          r.expiresAt,
          r.usedMinutes,
          r.declineReason,
          r.declineDetail,
          r.createdAt,
          r.decidedAt);
    }
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Request a redemption; the hub authorizes (holding the minutes) or declines it")
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
  public Response request(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid RedemptionRequests.Request request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, redemptions.request(key, request));
  }

  /** A page of redemptions, newest first. */
  public record RedemptionPage(int page, int size, long total, List<RedemptionView> items) {}

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "Redemptions requested at this bank, newest first; filter by volunteer, status (REQUESTED,"
              + " AUTHORIZED, DECLINED, SETTLED, CANCELLED, EXPIRED) and request time [from, to)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = RedemptionPage.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public RedemptionPage list(
      @QueryParam("volunteerId") String volunteerId,
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    String volunteer =
        QueryParams.matching("volunteerId", volunteerId, FieldRules.VOLUNTEER_ID, null);
    if (status != null
        && Arrays.stream(RedemptionStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw ApiException.invalid(
          "status",
          "INVALID_FIELD",
          "must be one of " + Arrays.toString(RedemptionStatus.values()) + ", was " + status);
    }
    Redemption.Page found =
        Redemption.page(
            volunteer,
            status,
            QueryParams.instant("from", from, null),
            QueryParams.instant("to", to, null),
            page,
            size);
    return new RedemptionPage(
        page, size, found.total(), found.items().stream().map(RedemptionView::of).toList());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{redemptionId}")
  @Operation(summary = "A redemption and the hub's decision")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = RedemptionView.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public RedemptionView get(@PathParam("redemptionId") String redemptionId) {
    Redemption r = Redemption.findById(redemptionId);
    if (r == null) {
      throw ApiException.notFound("no redemption " + redemptionId + " was requested at this bank");
    }
    return RedemptionView.of(r);
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{redemptionId}/settlement")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Settle an authorized redemption with the minutes the care used; the rest is released")
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
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response settle(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @PathParam("redemptionId") String redemptionId,
      @NotNull(message = BODY) @Valid RedemptionRequests.Settlement request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, redemptions.settle(key, redemptionId, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{redemptionId}/cancellation")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Cancel an authorized redemption; the hub releases the hold")
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
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response cancel(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @PathParam("redemptionId") String redemptionId,
      @NotNull(message = BODY) @Valid RedemptionRequests.Cancellation request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, redemptions.cancel(key, redemptionId, request));
  }
}
