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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.security.Caller;
import org.tbx.hub.training.TrainingRepository;
import org.tbx.hub.training.TrainingService;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/**
 * Training and assessment (PROTOCOL.md section 15): the courses banks give and their assessments of
 * volunteers; a pass grants the certification the rulebook requires.
 */
@Path("/api/v1/courses")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

  private final TrainingService service;
  private final TrainingRepository training;
  private final Caller caller;

  TrainingResource(TrainingService service, TrainingRepository training, Caller caller) {
    this.service = service;
    this.training = training;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a course this bank gives, for one service category; a pass grants the"
              + " certification the rulebook requires for it")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = TrainingRepository.Course.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same course, registered again",
      content = @Content(schema = @Schema(implementation = TrainingRepository.Course.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field is missing or wrong (UNKNOWN_CATEGORY for a category not in the rulebook)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The courseId names another course (COURSE_ID_REUSED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response register(@NotNull @Valid BankReports.Course r) {
    return service
        .register(
            r.courseId(),
            caller.node().orElseThrow(),
            r.nameZh(),
            r.nameEn(),
            r.category(),
            r.trainingHours(),
            r.validityMonths())
        .response();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(summary = "Every course the banks give, by id")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(
                      implementation = TrainingRepository.Course.class,
                      type = SchemaType.ARRAY)))
  public List<TrainingRepository.Course> courses() {
    return training.courses();
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/{courseId}/assessments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record an assessment on a course this bank gives, of a volunteer it enrolled; a pass"
              + " grants (or renews) the course's certification for its validity")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = TrainingRepository.Assessment.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same assessment, sent again",
      content = @Content(schema = @Schema(implementation = TrainingRepository.Assessment.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong, or completedAt lies in the future",
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
  public Response assess(
      @PathParam("courseId") String courseId, @NotNull @Valid BankReports.Assessment r) {
    return service.assess(courseId, caller.node().orElseThrow(), r).response();
  }
}
