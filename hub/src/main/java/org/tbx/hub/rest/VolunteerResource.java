package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.redemption.RedemptionRepository;
import org.tbx.hub.security.Caller;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.identity.VolunteerIds;

/** Volunteers' balances and histories across the federation. */
@Path("/api/v1/volunteers")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerResource {

  /**
   * One movement of a volunteer's minutes.
   *
   * @param direction CREDIT (minutes in) or DEBIT (minutes out)
   * @param counterpartyAccount the other side, e.g. {@code bank:guilin:issued}
   * @param code SERVICE_RECORDED, REDEMPTION_SETTLED, HOURS_GIFTED, HOURS_DONATED, REVERSAL...
   * @param nodeId the bank whose event it was
   */
  public record HistoryItem(
      long transferId,
      UUID eventId,
      String nodeId,
      String code,
      String direction,
      long minutes,
      String counterpartyAccount,
      Long reversesTransferId,
      Instant at) {}

  /** A page of a volunteer's history, newest first. */
  public record HistoryPage(
      String volunteerId, int page, int size, long total, List<HistoryItem> items) {}

  private final Caller caller;
  private final VolunteerRepository volunteers;
  private final LedgerRepository ledger;
  private final RedemptionRepository redemptions;

  VolunteerResource(
      Caller caller,
      VolunteerRepository volunteers,
      LedgerRepository ledger,
      RedemptionRepository redemptions) {
    this.caller = caller;
    this.volunteers = volunteers;
    this.ledger = ledger;
    this.redemptions = redemptions;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{volunteerId}/holds")
  @Operation(
      summary =
          "What a volunteer's held minutes are for: each authorized redemption not yet settled,"
              + " cancelled or expired, with the bank, the care and when the hold lapses")
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<RedemptionResource.RedemptionResponse> holds(
      @PathParam("volunteerId") String volunteerId) {
    requireVolunteerId(volunteerId);
    caller.requireVolunteer(volunteerId, node -> volunteers.servedBy(volunteerId, node));
    return redemptions.held(volunteerId).stream()
        .map(RedemptionResource.RedemptionResponse::of)
        .toList();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{volunteerId}/history")
  @Operation(summary = "Every movement of a volunteer's minutes at every bank, newest first")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = HistoryPage.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public HistoryPage history(
      @PathParam("volunteerId") String volunteerId, @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    requireVolunteerId(volunteerId);
    caller.requireVolunteer(volunteerId, node -> volunteers.servedBy(volunteerId, node));
    Account account = Account.volunteer(volunteerId);
    LedgerRepository.Page found = ledger.history(account, page, size);
    List<HistoryItem> items =
        found.items().stream()
            .map(
                t -> {
                  boolean credit = t.credit().equals(account);
                  return new HistoryItem(
                      t.id(),
                      t.eventId(),
                      t.nodeId(),
                      t.code(),
                      credit ? "CREDIT" : "DEBIT",
                      t.amountMinutes(),
                      credit ? t.debit().id() : t.credit().id(),
                      t.reversesTransferId(),
                      t.postedAt());
                })
            .toList();
    return new HistoryPage(volunteerId, page, size, found.total(), items);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{volunteerId}/balance")
  @Operation(summary = "A volunteer's balance in minutes, whichever bank credited them")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = BalanceResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "The volunteer id has the wrong shape",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No bank has credited this volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public BalanceResponse balance(@PathParam("volunteerId") String volunteerId) {
    requireVolunteerId(volunteerId);
    // Any bank may ask a keyed-hash id's balance: it can only have made the id from the person's ID
    // number, so the
    // person is at its counter (a volunteer from elsewhere, before their first redemption there).
    caller.requireVolunteer(
        volunteerId,
        node -> VolunteerIds.isKeyed(volunteerId) || volunteers.servedBy(volunteerId, node));
    return ledger
        .balance(Account.volunteer(volunteerId))
        .map(b -> BalanceResponse.of(volunteerId, b))
        .orElseThrow(
            () -> ApiException.notFound("no bank has credited volunteer " + volunteerId + " yet"));
  }

  private static void requireVolunteerId(String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", "must match " + FieldRules.VOLUNTEER_ID);
    }
  }
}
