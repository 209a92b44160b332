package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.auth.Roles;

/**
 * Disputes of debits: the volunteer or their home bank disputes a redemption, gift or donation; the
 * federation operator decides; upheld, the minutes go back at the debiting bank's cost.
 */
@Path("/api/v1/disputes")
@Produces(MediaType.APPLICATION_JSON)
public class DisputeResource {

  private static final Set<String> STATES = Set.of("OPEN", "UPHELD", "REJECTED", "WITHDRAWN");

  /**
   * A dispute to raise.
   *
   * @param volunteerId whose minutes were debited
   * @param eventId the debit: a RedemptionSettled, HoursGifted or HoursDonated event that moved the
   *     volunteer's minutes (see the volunteer's history)
   * @param reason what went wrong, for the operator
   */
  public record DisputeRequest(
      @NotNull
          @Pattern(
              regexp = FieldRules.VOLUNTEER_ID,
              message = "must match " + FieldRules.VOLUNTEER_ID)
          String volunteerId,
      @NotNull UUID eventId,
      @NotBlank @Size(max = 1000) String reason) {}

  /**
   * The operator's decision.
   *
   * @param upheld true gives the minutes back at the debiting bank's cost
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
  private final VolunteerRepository volunteers;
  private final Caller caller;

  DisputeResource(
      DisputeService disputes,
      DisputeRepository repository,
      VolunteerRepository volunteers,
      Caller caller) {
    this.disputes = disputes;
    this.repository = repository;
    this.volunteers = volunteers;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.VOLUNTEER, Roles.NODE})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Dispute a debit of the volunteer's minutes (the volunteer, or their home bank), within the rulebook's"
              + " window")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "The event is no debit of the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already disputed, reversed, or the window has closed",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response raise(@NotNull @Valid DisputeRequest request) {
    String volunteerId = request.volunteerId();
    String role;
    if (caller.volunteer().filter(volunteerId::equals).isPresent()) {
      role = "VOLUNTEER";
    } else if (caller.node().isPresent()
        && volunteers.homeOf(volunteerId).filter(caller.node().get()::equals).isPresent()) {
      role = "HOME_BANK";
    } else {
      throw ApiException.forbidden(
          "only volunteer " + volunteerId + " or their home bank may dispute their debits");
    }
    DisputeRepository.Dispute d =
        disputes.raise(volunteerId, request.eventId(), request.reason(), role, caller.subject());
    return Response.status(Response.Status.CREATED).entity(d).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "Disputes, newest first: all for the operator and the regulator, a bank's (as debiting or home bank),"
              + " a volunteer's own; optionally by state (OPEN, UPHELD, REJECTED, WITHDRAWN)")
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
          "The operator decides an open dispute; upheld, the minutes go back to the volunteer from the debiting"
              + " bank's issue")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = DisputeRepository.Dispute.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not open",
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
            .filter(n -> n.equals(d.debitingNodeId()) || n.equals(d.homeNodeId()))
            .isPresent()) {
      return;
    }
    throw ApiException.forbidden("this token may not read dispute " + d.disputeId());
  }
}
