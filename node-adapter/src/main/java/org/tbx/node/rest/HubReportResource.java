package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.node.hub.HubApi;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.auth.Roles;

/**
 * What the bank tells the hub's API on a clerk's behalf, beyond the protocol's events (PROTOCOL.md
 * sections 14 and 15): a no-show or a late cancellation, a dispute of a service record it recorded
 * (or of a debit, as the home bank), the courses it gives and their assessments, the benefits it
 * offers and their redemptions. The hub's answer or refusal comes back as it gave it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class HubReportResource {

  private static final String BODY = "a JSON body is required";

  private final HubApi hubApi;

  HubReportResource(HubApi hubApi) {
    this.hubApi = hubApi;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/volunteers/{volunteerId}/absences")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Report to the hub that a volunteer this bank enrolled did not come to a service or"
              + " cancelled it late (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "201", description = "The hub's report")
  @APIResponse(responseCode = "200", description = "The same report, sent again")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "The hub says this bank did not enroll the volunteer (NOT_ENROLLED_AT_BANK)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The absenceId names a different report (ABSENCE_ID_REUSED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response reportAbsence(
      @PathParam("volunteerId") String volunteerId,
      @NotNull(message = BODY) @Valid BankReports.Absence report) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", VolunteerRequests.VOLUNTEER + ", was " + volunteerId);
    }
    return answered(
        hubApi.post(
            "/api/v1/volunteers/"
                + URLEncoder.encode(volunteerId, StandardCharsets.UTF_8)
                + "/absences",
            report));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/volunteers/{volunteerId}/absences/{absenceId}/withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Withdraw at the hub a no-show or late cancellation this bank reported by mistake; it no"
              + " longer counts in the standing (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "200", description = "The hub's report, withdrawn")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
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
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response withdrawAbsence(
      @PathParam("volunteerId") String volunteerId,
      @PathParam("absenceId") String absenceId,
      @NotNull(message = BODY) @Valid BankReports.Withdrawal withdrawal) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", VolunteerRequests.VOLUNTEER + ", was " + volunteerId);
    }
    try {
      UUID.fromString(absenceId);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("absenceId", "INVALID_FIELD", "must be a UUID, was " + absenceId);
    }
    return answered(
        hubApi.post(
            "/api/v1/volunteers/"
                + URLEncoder.encode(volunteerId, StandardCharsets.UTF_8)
                + "/absences/"
                + absenceId
                + "/withdrawal",
            withdrawal));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/disputes")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Dispute at the hub a service record this bank recorded (for itself or for the"
              + " recipient), or a debit of a volunteer whose home bank this is (PROTOCOL.md"
              + " section 14)")
  @APIResponse(responseCode = "201", description = "The hub's dispute, OPEN")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "The hub says this bank may not dispute that event",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "The event is no debit of the volunteer and no service recorded for them",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already disputed, reversed, or the window has closed",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response dispute(@NotNull(message = BODY) @Valid BankReports.Dispute dispute) {
    return answered(hubApi.post("/api/v1/disputes", dispute));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/courses")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register at the hub a course this bank gives, for one service category; a pass grants"
              + " the certification the rulebook requires for it (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "201", description = "The hub's course")
  @APIResponse(responseCode = "200", description = "The same course, registered again")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong (UNKNOWN_CATEGORY); the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The courseId names another course (COURSE_ID_REUSED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response course(@NotNull(message = BODY) @Valid BankReports.Course course) {
    return answered(hubApi.post("/api/v1/courses", course));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/courses/{courseId}/assessments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record at the hub an assessment on a course this bank gives, of a volunteer it"
              + " enrolled; a pass grants the course's certification (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "201", description = "The hub's assessment")
  @APIResponse(responseCode = "200", description = "The same assessment, sent again")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "Another bank gives the course, or this bank did not enroll the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "There is no such course (UNKNOWN_COURSE)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The assessmentId names another assessment (ASSESSMENT_ID_REUSED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response assessment(
      @PathParam("courseId") String courseId,
      @NotNull(message = BODY) @Valid BankReports.Assessment assessment) {
    if (!courseId.matches(FieldRules.PSEUDONYMOUS_REF)) {
      throw ApiException.invalid(
          "courseId", "INVALID_FIELD", "must match " + FieldRules.PSEUDONYMOUS_REF);
    }
    return answered(hubApi.post("/api/v1/courses/" + courseId + "/assessments", assessment));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/benefits")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Offer at the hub a benefit for hours (priority, goods, a care-home place) of a kind the"
              + " rulebook in force allows (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "201", description = "The hub's benefit")
  @APIResponse(responseCode = "200", description = "The same benefit, offered again")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The rulebook in force refuses the kind (BENEFITS_NOT_ALLOWED, CASH_CONVERSION_FORBIDDEN,"
              + " BENEFIT_KIND_NOT_ALLOWED), or BENEFIT_ID_REUSED",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response benefit(@NotNull(message = BODY) @Valid BankReports.Benefit benefit) {
    return answered(hubApi.post("/api/v1/benefits", benefit));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/benefits/{benefitId}/redemptions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Redeem at the hub a benefit this bank offers, for a volunteer it enrolled, with their"
              + " consent (PROTOCOL.md section 15)")
  @APIResponse(responseCode = "201", description = "The hub's redemption")
  @APIResponse(responseCode = "200", description = "The same redemption, sent again")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description = "BENEFIT_NOT_OFFERED by this bank, or NOT_ENROLLED_AT_BANK",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "UNKNOWN_BENEFIT",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The consent is refused (CONSENT_*), or INSUFFICIENT_BALANCE",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response benefitRedemption(
      @PathParam("benefitId") String benefitId,
      @NotNull(message = BODY) @Valid BankReports.BenefitRedemption redemption) {
    if (!benefitId.matches(FieldRules.PSEUDONYMOUS_REF)) {
      throw ApiException.invalid(
          "benefitId", "INVALID_FIELD", "must match " + FieldRules.PSEUDONYMOUS_REF);
    }
    return answered(hubApi.post("/api/v1/benefits/" + benefitId + "/redemptions", redemption));
  }

  private static Response answered(HubApi.Answer answer) {
    return Response.status(answer.status()).entity(answer.body()).build();
  }
}
