package org.tbx.hub.rest;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.ledger.AccountEntity;
import org.tbx.protocol.FieldRules;

/** Volunteers' balances across the federation. */
@Path("/api/v1/volunteers")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerResource {

  @GET
  @Path("/{volunteerId}/balance")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "A volunteer's balance in minutes, whichever bank credited them")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BalanceResponse.class)))
  @APIResponse(responseCode = "400", description = "The volunteer id has the wrong shape",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "404", description = "No bank has credited this volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response balance(@PathParam("volunteerId") String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(new ErrorResponse("INVALID_FIELD", "volunteerId must match " + FieldRules.VOLUNTEER_ID))
          .build();
    }
    return AccountEntity.ofVolunteer(volunteerId)
        .map(a -> Response.ok(new BalanceResponse(volunteerId, a.balance(), a.creditsPosted, a.debitsPosted, a.updatedAt)))
        .orElseGet(
            () -> Response.status(Response.Status.NOT_FOUND)
                .entity(new ErrorResponse("NOT_FOUND", "no bank has credited volunteer " + volunteerId + " yet")))
        .build();
  }
}
