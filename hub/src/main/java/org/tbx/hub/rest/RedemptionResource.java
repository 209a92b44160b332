package org.tbx.hub.rest;

import org.tbx.hub.security.Caller;
import org.tbx.protocol.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.redemption.HoldEntity;
import org.tbx.hub.redemption.RedemptionEntity;

/** Redemptions as the hub decided them, with the state of their holds. */
@Path("/api/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

  /**
   * A redemption and its hold.
   *
   * @param status AUTHORIZED or DECLINED
   * @param holdState PENDING, POSTED (settled), VOIDED (cancelled) or EXPIRED; null when declined
   */
  public record RedemptionResponse(
      String redemptionId, String nodeId, String volunteerId, long requestedMinutes, String status, String declineReason,
      UUID holdId, String holdState, Long authorizedMinutes, Long usedMinutes, OffsetDateTime expiresAt) {}

  private final Caller caller;

  RedemptionResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{redemptionId}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "A redemption: authorized with a hold (and the hold's state) or declined with a reason")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RedemptionResponse.class)))
  @APIResponse(responseCode = "403", description = "Neither the redeeming bank's nor the volunteer's token",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response get(@PathParam("redemptionId") String redemptionId) {
    RedemptionEntity r = RedemptionEntity.findById(redemptionId);
    if (r == null) {
      return Response.status(Response.Status.NOT_FOUND)
          .entity(new ErrorResponse("NOT_FOUND", "no redemption " + redemptionId)).build();
    }
    if (caller.volunteer().filter(r.volunteerId::equals).isEmpty()) {
      caller.requireNode(r.nodeId);
    }
    HoldEntity h = HoldEntity.ofRedemption(redemptionId).orElse(null);
    return Response.ok(new RedemptionResponse(
        r.redemptionId, r.nodeId, r.volunteerId, r.requestedMinutes, r.status, r.declineReason,
        h == null ? null : h.holdId, h == null ? null : h.state, h == null ? null : h.amountMinutes,
        h == null ? null : h.usedMinutes, h == null ? null : h.expiresAt)).build();
  }
}
