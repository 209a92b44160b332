package org.tbx.hub.rest;

import org.tbx.protocol.identity.VolunteerIds;
import jakarta.ws.rs.BeanParam;
import org.tbx.hub.volunteer.VolunteerRegistry;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.tbx.hub.ledger.AccountEntity;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferEntity;
import org.tbx.protocol.FieldRules;

/** Volunteers' balances and histories across the federation. */
@Path("/api/v1/volunteers")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerResource {

  /**
   * One movement of a volunteer's minutes.
   *
   * @param direction CREDIT (minutes in) or DEBIT (minutes out)
   * @param counterpartyAccount the other side, e.g. {@code bank:guilin:issued}
   * @param code SERVICE_RECORDED, REDEMPTION_SETTLED, HOURS_GIFTED, HOURS_DONATED or REVERSAL
   * @param nodeId the bank whose event it was
   */
  public record HistoryItem(
      long transferId, UUID eventId, String nodeId, String code, String direction, long minutes, String counterpartyAccount,
      Long reversesTransferId, OffsetDateTime at) {}

  /** A page of a volunteer's history, newest first. */
  public record HistoryPage(String volunteerId, int page, int size, long total, List<HistoryItem> items) {}

  private final Caller caller;
  private final VolunteerRegistry volunteers;

  VolunteerResource(Caller caller, VolunteerRegistry volunteers) {
    this.caller = caller;
    this.volunteers = volunteers;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{volunteerId}/history")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "Every movement of a volunteer's minutes at every bank, newest first")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HistoryPage.class)))
  @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response history(
      @PathParam("volunteerId") String volunteerId,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(new ErrorResponse("INVALID_FIELD", "volunteerId must match " + FieldRules.VOLUNTEER_ID))
          .build();
    }
    caller.requireVolunteer(volunteerId, node -> volunteers.servedBy(volunteerId, node));
    String account = Transfer.Account.volunteer(volunteerId).id();
    var query = TransferEntity.<TransferEntity>find(
            "debitAccountId = ?1 or creditAccountId = ?1", Sort.descending("id"), account)
        .page(Page.of(page, size));
    List<HistoryItem> items = query.list().stream()
        .map(t -> {
          boolean credit = t.creditAccountId.equals(account);
          return new HistoryItem(t.id, t.eventId, t.nodeId, t.code, credit ? "CREDIT" : "DEBIT", t.amountMinutes,
              credit ? t.debitAccountId : t.creditAccountId, t.reversesTransferId, t.createdAt);
        })
        .toList();
    return Response.ok(new HistoryPage(volunteerId, page, size, query.count(), items)).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
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
    // Any bank may ask a keyed-hash id's balance: it can only have made the id from the person's ID number, so the
    // person is at its counter (a volunteer from elsewhere, before their first redemption there).
    caller.requireVolunteer(volunteerId, node -> VolunteerIds.isKeyed(volunteerId) || volunteers.servedBy(volunteerId, node));
    return AccountEntity.ofVolunteer(volunteerId)
        .map(a -> Response.ok(new BalanceResponse(
            volunteerId, a.balance(), a.debitsPending, a.available(), a.creditsPosted, a.debitsPosted, a.updatedAt)))
        .orElseGet(
            () -> Response.status(Response.Status.NOT_FOUND)
                .entity(new ErrorResponse("NOT_FOUND", "no bank has credited volunteer " + volunteerId + " yet")))
        .build();
  }
}
