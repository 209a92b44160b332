package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.security.Caller;
import org.tbx.hub.training.TrainingRepository;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;

/** A volunteer's trainings at every bank, with what each pass granted (PROTOCOL.md section 15). */
@Path("/api/v1/volunteers/{volunteerId}/trainings")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerTrainingResource {

  private final TrainingRepository training;
  private final VolunteerRepository volunteers;
  private final Caller caller;

  VolunteerTrainingResource(
      TrainingRepository training, VolunteerRepository volunteers, Caller caller) {
    this.training = training;
    this.volunteers = volunteers;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "A volunteer's trainings and assessments at every bank, the latest first, with the"
              + " certification each pass granted: for the volunteer, the regulator and the banks"
              + " that serve or enrolled them")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(
                      implementation = TrainingRepository.Training.class,
                      type = SchemaType.ARRAY)))
  @APIResponse(
      responseCode = "403",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<TrainingRepository.Training> trainings(@PathParam("volunteerId") String volunteerId) {
    VolunteerResource.requireVolunteerId(volunteerId);
    caller.requireVolunteer(volunteerId, node -> volunteers.knownTo(volunteerId, node));
    return training.trainings(volunteerId);
  }
}
