package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.settlement.SettlementService;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.QueryParams;
import org.tbx.protocol.auth.Roles;

/** Settlement positions between banks, for the regulator. */
@Path("/api/v1/settlement")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {

  private final SettlementService settlement;
  private final Clock clock;

  SettlementResource(SettlementService settlement, Clock clock) {
    this.settlement = settlement;
    this.clock = clock;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
  @Operation(
      summary =
          "Per bank for a period: minutes issued and honoured, owed and owing, net position (summing to zero), "
              + "outstanding minutes against the guarantee fund, and alerts. Without from and to: since the "
              + "first transfer up to every transfer committed now, kept incrementally; a period replays "
              + "the ledger up to its end")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = SettlementService.Report.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public SettlementService.Report positions(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    if (from == null && to == null) {
      return settlement.current();
    }
    Instant start = QueryParams.instant("from", from, Instant.EPOCH);
    Instant end = QueryParams.instant("to", to, clock.instant());
    if (!start.isBefore(end)) {
      throw ApiException.invalid("from", "INVALID_FIELD", "must be before to");
    }
    return settlement.report(start, end);
  }
}
