package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.security.Caller;
import org.tbx.hub.standing.Standings;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.rules.StandingRules;

/** A volunteer's standing (信用评价), explained factor by factor (PROTOCOL.md section 15). */
@Path("/api/v1/volunteers/{volunteerId}/standing")
@Produces(MediaType.APPLICATION_JSON)
public class StandingResource {

  /**
   * One factor's part of the score.
   *
   * @param factor BASE, HOURS_SERVED, REGULARITY, TENURE, RATINGS, REVERSALS, ABSENCES or
   *     SERVICE_DISPUTES
   * @param input what it was computed from; null for a bank that does not serve the volunteer
   * @param rule the rulebook's rule for it
   */
  public record FactorItem(String factor, long points, String input, String rule) {}

  /**
   * An honour the volunteer holds.
   *
   * @param reachedAt when their service hours last rose to it
   */
  public record HonourItem(
      String code, String nameZh, String nameEn, int hoursServed, Instant reachedAt) {}

  /**
   * @param score the sum of the factors' points, held within {@code min} and {@code max}
   * @param honours the rulebook's star levels the volunteer's hours reached, lowest first
   * @param rulebookVersion the rulebook whose weights scored it
   * @param asOf the day it was computed for, China Standard Time
   */
  public record StandingResponse(
      String volunteerId,
      long score,
      int min,
      int max,
      int rulebookVersion,
      LocalDate asOf,
      List<FactorItem> factors,
      List<HonourItem> honours) {}

  private final Caller caller;
  private final VolunteerRepository volunteers;
  private final Standings standings;

  StandingResource(Caller caller, VolunteerRepository volunteers, Standings standings) {
    this.caller = caller;
    this.volunteers = volunteers;
    this.standings = standings;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "A volunteer's standing: a score from hours served, regularity, tenure, ratings,"
              + " reversals, no-shows and upheld disputes of service records at every bank, with each factor's points and rule, and the honours"
              + " (star levels) their hours reached. The volunteer, the"
              + " banks that serve or enrolled them and the regulator also see each factor's"
              + " inputs; another bank sees a keyed-hash id's score and points only")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = StandingResponse.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No bank has enrolled or credited this volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public StandingResponse standing(@PathParam("volunteerId") String volunteerId) {
    VolunteerResource.requireVolunteerId(volunteerId);
    caller.requireVolunteer(
        volunteerId,
        node -> VolunteerIds.isKeyed(volunteerId) || volunteers.knownTo(volunteerId, node));
    VolunteerRepository.Facts facts = volunteers.facts(volunteerId);
    if (!facts.enrolled() && facts.creditsPosted() == 0) {
      throw ApiException.notFound("no bank has enrolled or credited volunteer " + volunteerId);
    }
    boolean inputs = caller.node().map(node -> volunteers.knownTo(volunteerId, node)).orElse(true);
    Standings.Scored scored = standings.of(volunteerId);
    StandingRules rules = scored.rules();
    return new StandingResponse(
        volunteerId,
        scored.standing().score(),
        rules.min(),
        rules.max(),
        scored.rulebookVersion(),
        scored.asOf(),
        scored.standing().factors().stream()
            .map(
                f ->
                    new FactorItem(
                        f.factor().name(), f.points(), inputs ? f.input() : null, f.rule()))
            .toList(),
        scored.honours().stream()
            .map(
                h ->
                    new HonourItem(
                        h.honour().code(),
                        h.honour().nameZh(),
                        h.honour().nameEn(),
                        h.honour().hoursServed(),
                        h.reachedAt()))
            .toList());
  }
}
