package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import org.tbx.protocol.auth.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.settlement.SettlementService;

/** Settlement positions between banks, for the regulator. */
@Path("/api/v1/settlement")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {

  private final SettlementService settlement;

  SettlementResource(SettlementService settlement) {
    this.settlement = settlement;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
  @Operation(summary = "Per bank for a period: minutes issued and honoured, owed and owing, net position (summing to zero), "
      + "outstanding minutes against the guarantee fund, and alerts")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SettlementService.Report.class)))
  @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response positions(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
    Instant start;
    Instant end;
    try {
      start = from == null ? Instant.EPOCH : Instant.parse(from);
      end = to == null ? Instant.now() : Instant.parse(to);
    } catch (DateTimeParseException e) {
      return bad("from and to must be ISO-8601 instants such as 2026-11-01T00:00:00Z");
    }
    if (!start.isBefore(end)) {
      return bad("from must be before to");
    }
    return Response.ok(settlement.report(start, end)).build();
  }

  private static Response bad(String message) {
    return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorResponse("INVALID_FIELD", message)).build();
  }
}
