package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.dispute.DisputeRepository;
import org.tbx.hub.dispute.DisputeService;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.protocol.auth.Roles;

/**
 * Disputes: the volunteer or their home bank disputes a redemption, gift or donation, the recording
 * bank a service record; the federation operator decides; upheld, a debit's minutes go back at the
 * debiting bank's cost and a service record's credit is taken back.
 */
@Path("/api/v1/disputes")
@Produces(MediaType.APPLICATION_JSON)
public class DisputeResource {

  private static final Set<String> STATES = Set.of("OPEN", "UPHELD", "REJECTED", "WITHDRAWN");

  /**
   * The operator's decision.
   *
   * @param upheld true gives a debit's minutes back at the debiting bank's cost, or takes a service
   *     record's credit back
   */
  public record DecisionRequest(
      @NotNull Boolean upheld, @NotBlank @Size(max = 1000) String reason) {}

  /** Why a dispute is withdrawn. */
  public record WithdrawalRequest(@NotBlank @Size(max = 1000) String reason) {}

  /** A page of disputes, newest first. */
  public record DisputePage(
      int page, int size, long total, List<DisputeRepository.Dispute> items) {}

  private final DisputeService disputes;
  private final DisputeRepository repository;
  private final Caller caller;

  DisputeResource(DisputeService disputes, DisputeRepository repository, Caller caller) {
    this.disputes = disputes;
    this.repository = repository;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.VOLUNTEER, Roles.NODE})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Dispute a debit of the volunteer's minutes (the volunteer, or their home bank) or a service"
              + " recorded for them (the recording bank, for itself or the recipient), within the"
              + " rulebook's window")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "The event is no debit of the volunteer and no service recorded for them",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already disputed, reversed, or the window has closed",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response raise(@NotNull @Valid BankReports.Dispute request) {
    DisputeService.Raiser raiser =
        new DisputeService.Raiser(
            caller.volunteer().orElse(null),
            caller.node().orElse(null),
            caller.subject(),
            "RECIPIENT".equals(request.complainant()));
    DisputeRepository.Dispute d =
        disputes.raise(request.volunteerId(), request.eventId(), request.reason(), raiser);
    return Response.status(Response.Status.CREATED).entity(d).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "Disputes, newest first: all for the operator and the regulator, a bank's (as debiting,"
              + " recording or home bank), a volunteer's own; optionally by state (OPEN, UPHELD,"
              + " REJECTED, WITHDRAWN)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = DisputePage.class)))
  public DisputePage list(@QueryParam("state") String state, @BeanParam Paging paging) {
    if (state != null && !STATES.contains(state)) {
      throw ApiException.invalid(
          "state", "INVALID_FIELD", "must be one of " + STATES + ", was " + state);
    }
    int page = paging.page();
    int size = paging.size();
    DisputeRepository.Page found =
        repository.list(
            caller.node().orElse(null), caller.volunteer().orElse(null), state, page, size);
    return new DisputePage(page, size, found.total(), found.items());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/{disputeId}")
  @Operation(summary = "One dispute and how it stands")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public DisputeRepository.Dispute get(@PathParam("disputeId") String disputeId) {
    DisputeRepository.Dispute d = find(disputeId);
    requireParty(d);
    return d;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{disputeId}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The operator decides an open dispute; upheld, a debit's minutes go back to the volunteer"
              + " from the debiting bank's issue, a service record's credit is taken back")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not open, or the service record was reversed meanwhile",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public DisputeRepository.Dispute decide(
      @PathParam("disputeId") String disputeId, @NotNull @Valid DecisionRequest request) {
    return disputes.decide(
        find(disputeId).disputeId(), request.upheld(), request.reason(), caller.subject());
  }

  @POST
  @RolesAllowed({Roles.VOLUNTEER, Roles.NODE})
  @Path("/{disputeId}/withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Whoever raised an open dispute withdraws it")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public DisputeRepository.Dispute withdraw(
      @PathParam("disputeId") String disputeId, @NotNull @Valid WithdrawalRequest request) {
    DisputeRepository.Dispute d = find(disputeId);
    if (!d.raisedBy().equals(caller.subject())) {
      throw ApiException.forbidden(
          "only " + d.raisedBy() + ", who raised dispute " + disputeId + ", may withdraw it");
    }
    return disputes.withdraw(d.disputeId(), request.reason(), caller.subject());
  }

  private DisputeRepository.Dispute find(String disputeId) {
    UUID id;
    try {
      id = UUID.fromString(disputeId);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("disputeId", "INVALID_FIELD", "must be a UUID, was " + disputeId);
    }
    return repository
        .find(id)
        .orElseThrow(() -> ApiException.notFound("there is no dispute " + disputeId));
  }

  private void requireParty(DisputeRepository.Dispute d) {
    if (caller.readsAll()
        || caller.volunteer().filter(d.volunteerId()::equals).isPresent()
        || caller
            .node()
            .filter(n -> n.equals(d.postingNodeId()) || n.equals(d.homeNodeId()))
            .isPresent()) {
      return;
    }
    throw ApiException.forbidden("this token may not read dispute " + d.disputeId());
  }
}
