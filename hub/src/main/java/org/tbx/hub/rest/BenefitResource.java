package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.benefit.BenefitRepository;
import org.tbx.hub.benefit.BenefitService;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/**
 * Benefits (PROTOCOL.md section 15): what banks offer for hours besides services, where the
 * rulebook in force allows it, and their redemption with the volunteer's consent.
 */
@Path("/api/v1/benefits")
@Produces(MediaType.APPLICATION_JSON)
public class BenefitResource {

  private final BenefitService service;
  private final BenefitRepository benefits;
  private final Caller caller;

  BenefitResource(BenefitService service, BenefitRepository benefits, Caller caller) {
    this.service = service;
    this.benefits = benefits;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Offer a benefit for hours (priority, goods, a care-home place) of a kind the rulebook in"
              + " force allows; never cash unless it allows cash")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = BenefitRepository.Benefit.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same benefit, offered again",
      content = @Content(schema = @Schema(implementation = BenefitRepository.Benefit.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "BENEFITS_NOT_ALLOWED, CASH_CONVERSION_FORBIDDEN or BENEFIT_KIND_NOT_ALLOWED by the"
              + " rulebook in force; BENEFIT_ID_REUSED",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response offer(@NotNull @Valid BankReports.Benefit r) {
    return service
        .offer(
            new BenefitRepository.Benefit(
                r.benefitId(),
                caller.node().orElseThrow(),
                r.nameZh(),
                r.nameEn(),
                r.kind(),
                r.minutes(),
                null))
        .response();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(summary = "The benefits banks offer, by bank; optionally one bank's (nodeId)")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(
                      implementation = BenefitRepository.Benefit.class,
                      type = SchemaType.ARRAY)))
  public List<BenefitRepository.Benefit> list(@QueryParam("nodeId") String nodeId) {
    return benefits.benefits(nodeId);
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{benefitId}/redemptions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Redeem a benefit this bank offers for a volunteer it enrolled, with their consent: the"
              + " hub debits the minutes to this bank's honoured account")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = BenefitRepository.Redemption.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same redemption, sent again",
      content = @Content(schema = @Schema(implementation = BenefitRepository.Redemption.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "BENEFIT_NOT_OFFERED by this bank, or NOT_ENROLLED_AT_BANK",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "UNKNOWN_BENEFIT",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The consent is refused (CONSENT_*), INSUFFICIENT_BALANCE, the kind is no longer"
              + " allowed, or BENEFIT_REDEMPTION_ID_REUSED",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response redeem(
      @PathParam("benefitId") String benefitId, @NotNull @Valid BankReports.BenefitRedemption r) {
    String node = caller.node().orElseThrow();
    return service
        .redeem(benefitId, node, r.redemptionId(), r.volunteerId(), r.consent())
        .response();
  }
}
