package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.redemption.RedemptionRepository;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.RedemptionStatus;
import org.tbx.protocol.auth.Roles;

/** Redemptions as the hub decided them, with the state of their holds. */
@Path("/api/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

  /**
   * A redemption and its hold.
   *
   * @param nodeId the bank that redeems (gives the care)
   * @param status AUTHORIZED (minutes held), DECLINED, SETTLED, CANCELLED or EXPIRED: the
   *     vocabulary the adapters use too
   * @param serviceCategory, relation, beneficiaryRef what the minutes are for
   * @param holdState the ledger's word for the hold: PENDING, POSTED, VOIDED or EXPIRED; null when
   *     declined
   */
  public record RedemptionResponse(
      String redemptionId,
      String nodeId,
      String volunteerId,
      long requestedMinutes,
      RedemptionStatus status,
      String declineReason,
      String serviceCategory,
      String relation,
      String beneficiaryRef,
      UUID holdId,
      String holdState,
      Long authorizedMinutes,
      Long usedMinutes,
      Instant expiresAt,
      Instant createdAt) {

    /** The answer for a redemption as the repository holds it. */
    public static RedemptionResponse of(RedemptionRepository.Redemption r) {
      RedemptionRepository.Hold h = r.hold().orElse(null);
      return new RedemptionResponse(
          r.redemptionId(),
          r.nodeId(),
          r.volunteerId(),
          r.requestedMinutes(),
          r.lifecycle(),
          r.declineReason(),
          r.serviceCategory(),
          r.relation(),
          r.beneficiaryRef(),
          h == null ? null : h.holdId(),
          h == null ? null : h.state(),
          h == null ? null : h.amountMinutes(),
          h == null ? null : h.usedMinutes(),
          h == null ? null : h.expiresAt(),
          r.createdAt());
    }
  }

  private final RedemptionRepository redemptions;
  private final Caller caller;

  RedemptionResource(RedemptionRepository redemptions, Caller caller) {
    this.redemptions = redemptions;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{redemptionId}")
  @Operation(
      summary =
          "A redemption: authorized with a hold (and the hold's state) or declined with a reason")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = RedemptionResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "Neither the redeeming bank's nor the volunteer's token",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public RedemptionResponse get(@PathParam("redemptionId") String redemptionId) {
    RedemptionRepository.Redemption r =
        redemptions
            .find(redemptionId)
            .orElseThrow(() -> ApiException.notFound("no redemption " + redemptionId));
    if (caller.volunteer().filter(r.volunteerId()::equals).isEmpty()) {
      caller.requireNode(r.nodeId());
    }
    return RedemptionResponse.of(r);
  }
}
