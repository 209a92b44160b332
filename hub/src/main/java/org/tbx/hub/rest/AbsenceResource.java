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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.security.Caller;
import org.tbx.hub.standing.AbsenceRepository;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Written;
import org.tbx.protocol.auth.Roles;

/**
 * No-shows and late cancellations (PROTOCOL.md section 15): a bank that enrolled the volunteer
 * reports one, with its own id so that a retry is the same report; they count in the standing from
 * rulebook 4.
 */
@Path("/api/v1/volunteers/{volunteerId}/absences")
@Produces(MediaType.APPLICATION_JSON)
public class AbsenceResource {

  private final Caller caller;
  private final VolunteerRepository volunteers;
  private final AbsenceRepository absences;
  private final Clock clock;

  AbsenceResource(
      Caller caller, VolunteerRepository volunteers, AbsenceRepository absences, Clock clock) {
    this.caller = caller;
    this.volunteers = volunteers;
    this.absences = absences;
    this.clock = clock;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Report that a volunteer this bank enrolled did not come to a service, or cancelled it"
              + " late; counts in their standing from rulebook 4")
  @APIResponse(
      responseCode = "201",
      description = "Reported",
      content = @Content(schema = @Schema(implementation = AbsenceRepository.Absence.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same report, sent again",
      content = @Content(schema = @Schema(implementation = AbsenceRepository.Absence.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong, or dueAt lies in the future",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "This bank did not enroll the volunteer (NOT_ENROLLED_AT_BANK)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The absenceId names a different report (ABSENCE_ID_REUSED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response report(
      @PathParam("volunteerId") String volunteerId, @NotNull @Valid BankReports.Absence request) {
    VolunteerResource.requireVolunteerId(volunteerId);
    String node = caller.node().orElseThrow();
    if (volunteers.enrollment(volunteerId, node).isEmpty()) {
      throw ApiException.of(
          403,
          "NOT_ENROLLED_AT_BANK",
          "bank "
              + node
              + " did not enroll volunteer "
              + volunteerId
              + ", so it cannot report them");
    }
    if (request.dueAt().isAfter(clock.instant().plus(Duration.ofMinutes(1)))) {
      throw ApiException.invalid(
          "dueAt",
          "INVALID_FIELD",
          "a service due at "
              + request.dueAt()
              + " has not happened yet; report it once it was due");
    }
    AbsenceRepository.Absence absence =
        new AbsenceRepository.Absence(
            request.absenceId(),
            volunteerId,
            node,
            request.kind(),
            request.dueAt().truncatedTo(ChronoUnit.MICROS),
            request.note(),
            null,
            null,
            null);
    if (absences.report(absence)) {
      return new Written<>(true, absences.find(request.absenceId()).orElseThrow()).response();
    }
    AbsenceRepository.Absence first = absences.find(request.absenceId()).orElseThrow();
    if (!first.sameAs(absence)) {
      throw ApiException.conflict(
          "ABSENCE_ID_REUSED",
          "absence "
              + request.absenceId()
              + " was reported before as "
              + first.kind()
              + " of volunteer "
              + first.volunteerId()
              + " due at "
              + first.dueAt()
              + " by "
              + first.nodeId()
              + "; use a new id for another report");
    }
    return new Written<>(false, first).response();
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{absenceId}/withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Withdraw a no-show or late cancellation this bank reported by mistake: it stays listed,"
              + " marked, and no longer counts in the standing")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = AbsenceRepository.Absence.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "Another bank reported it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such report of this volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Withdrawn before (ALREADY_WITHDRAWN)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public AbsenceRepository.Absence withdraw(
      @PathParam("volunteerId") String volunteerId,
      @PathParam("absenceId") String absence,
      @NotNull @Valid BankReports.Withdrawal request) {
    VolunteerResource.requireVolunteerId(volunteerId);
    UUID absenceId;
    try {
      absenceId = UUID.fromString(absence);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("absenceId", "INVALID_FIELD", "must be a UUID, was " + absence);
    }
    AbsenceRepository.Absence a =
        absences
            .find(absenceId)
            .filter(found -> found.volunteerId().equals(volunteerId))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "volunteer " + volunteerId + " has no absence report " + absenceId));
    String node = caller.node().orElseThrow();
    if (!a.nodeId().equals(node)) {
      throw ApiException.forbidden(
          "absence " + absenceId + " was reported by " + a.nodeId() + ", who may withdraw it");
    }
    if (!absences.withdraw(absenceId, request.reason())) {
      throw ApiException.conflict(
          "ALREADY_WITHDRAWN", "absence " + absenceId + " was withdrawn at " + a.withdrawnAt());
    }
    return absences.find(absenceId).orElseThrow();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "The no-shows and late cancellations reported for a volunteer, the latest due first: for"
              + " the volunteer, the regulator and the banks that serve or enrolled them")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(
                      implementation = AbsenceRepository.Absence.class,
                      type = SchemaType.ARRAY)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<AbsenceRepository.Absence> list(@PathParam("volunteerId") String volunteerId) {
    VolunteerResource.requireVolunteerId(volunteerId);
    caller.requireVolunteer(volunteerId, node -> volunteers.knownTo(volunteerId, node));
    return absences.of(volunteerId);
  }
}
