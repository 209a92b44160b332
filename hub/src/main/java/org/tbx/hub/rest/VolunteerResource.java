package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.redemption.RedemptionRepository;
import org.tbx.hub.security.Caller;
import org.tbx.hub.security.PageSessions;
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

  private final PageSessions sessions;
  private final UriInfo uri;
  private final Optional<String> publicUrl;

  VolunteerResource(
      Caller caller,
      VolunteerRepository volunteers,
      LedgerRepository ledger,
      RedemptionRepository redemptions,
      PageSessions sessions,
      UriInfo uri,
      HubConfig config) {
    this.sessions = sessions;
    this.uri = uri;
    this.publicUrl = config.publicUrl();
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

  /**
   * A one-time sign-in link to the volunteer's portal.
   *
   * @param url open it once, before {@code expiresAt}
   */
  public record SignInLink(String volunteerId, String url, Instant expiresAt) {}

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{volunteerId}/sign-in-links")
  @Operation(
      summary =
          "A one-time, ten-minute link that signs the volunteer in to their portal (/me); only a"
              + " bank that serves the volunteer may ask")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = SignInLink.class)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response signInLink(@PathParam("volunteerId") String volunteerId) {
    requireVolunteerId(volunteerId);
    if (volunteers.homeOf(volunteerId).isEmpty()) {
      throw ApiException.notFound("no bank has enrolled volunteer " + volunteerId);
    }
    String node = caller.node().orElseThrow();
    if (!volunteers.servedBy(volunteerId, node)) {
      throw ApiException.forbidden("bank " + node + " does not serve volunteer " + volunteerId);
    }
    PageSessions.Link link = sessions.link(volunteerId, node);
    String base = publicUrl.orElse(uri.getBaseUri().toString());
    String url = (base.endsWith("/") ? base : base + "/") + "me/sign-in/" + link.code();
    return Response.status(Response.Status.CREATED)
        .entity(new SignInLink(volunteerId, url, link.expiresAt()))
        .build();
  }

  static void requireVolunteerId(String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", "must match " + FieldRules.VOLUNTEER_ID);
    }
  }
}
