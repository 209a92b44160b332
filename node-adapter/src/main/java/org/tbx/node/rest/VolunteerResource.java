package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.node.hub.HubApi;
import org.tbx.node.hub.HubBalances;
import org.tbx.node.statement.LocalBooks;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.node.volunteer.VolunteerService;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.auth.Roles;

/** Volunteers at this bank: enrollment, training, insurance, and balances. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerResource {

  private static final String BODY = "a JSON body is required";

  private final VolunteerService volunteers;
  private final HubBalances hub;
  private final LocalBooks books;

  @Inject JsonWebToken token;

  private final HubApi hubApi;

  VolunteerResource(VolunteerService volunteers, HubBalances hub, LocalBooks books, HubApi hubApi) {
    this.hubApi = hubApi;
    this.volunteers = volunteers;
    this.hub = hub;
    this.books = books;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/volunteers")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Enroll a volunteer with the federation")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response enroll(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Enrollment request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, volunteers.enroll(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/certifications")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record a certification a volunteer earned, e.g. CARE_BASIC training")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response certify(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Certification request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, volunteers.certify(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/certifications/revocations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Withdraw a volunteer's certification")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response revoke(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.CertificationRevocation request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, volunteers.revokeCertification(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/insurance-policies")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record a volunteer's accident insurance")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response insure(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Insurance request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, volunteers.insure(key, request));
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/relocations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Move a volunteer whose home bank is this one to another bank (VolunteerRelocated); the"
              + " balance, history, certifications and insurance stay with the volunteer")
  @APIResponse(
      responseCode = "201",
      description =
          "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "The Idempotency-Key was used for a different request",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response relocate(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @NotNull(message = BODY) @Valid VolunteerRequests.Relocation request,
      @Context UriInfo uri) {
    return Writes.submitted(uri, volunteers.relocate(key, request));
  }

  /**
   * A volunteer's balance.
   *
   * @param hub the hub's last report; null when the hub was never reached for this volunteer
   * @param local this bank's own figures for the volunteer, from everything it submitted
   */
  public record Balance(String volunteerId, HubBalances.Report hub, LocalBooks.Figures local) {}

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/volunteers/{volunteerId}/balance")
  @Operation(
      summary =
          "A volunteer's balance as the hub last reported it (asked now when the hub is reachable), "
              + "next to this bank's own figures")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Balance.class)))
  @APIResponse(
      responseCode = "400",
      description = "The volunteer id has the wrong shape",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "Neither the hub nor this bank knows a balance for the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response balance(@PathParam("volunteerId") String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", VolunteerRequests.VOLUNTEER + ", was " + volunteerId);
    }
    if (token.getGroups().contains(Roles.VOLUNTEER) && !volunteerId.equals(token.getSubject())) {
      throw ApiException.forbidden(
          "a volunteer's token reads only that volunteer's balance, not " + volunteerId + "'s");
    }
    LocalBooks.Figures local = books.figures(volunteerId);
    HubBalances.Report report;
    try {
      report = hub.balance(volunteerId).orElse(null);
    } catch (HubBalances.Unknown e) {
      if (local.events() == 0) {
        throw ApiException.notFound(e.getMessage());
      }
      report = null;
    }
    if (report == null && local.events() == 0) {
      throw ApiException.notFound(
          "this bank submitted nothing for volunteer "
              + volunteerId
              + " and the hub has not reported a balance for them");
    }
    return Response.ok(new Balance(volunteerId, report, local)).build();
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/volunteers/{volunteerId}/sign-in-link")
  @Operation(
      summary =
          "A one-time, ten-minute link to the hub's volunteer portal for a volunteer this bank"
              + " serves, for the bank's own app to hand to the volunteer")
  @APIResponse(responseCode = "201", description = "volunteerId, url and expiresAt")
  @APIResponse(
      responseCode = "403",
      description = "The hub says this bank does not serve the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No bank has enrolled the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response signInLink(@PathParam("volunteerId") String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", VolunteerRequests.VOLUNTEER + ", was " + volunteerId);
    }
    return Response.status(Response.Status.CREATED).entity(hubApi.signInLink(volunteerId)).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/volunteers/{volunteerId}/standing")
  @Operation(
      summary =
          "A volunteer's standing as the hub scores it from every bank's records (PROTOCOL.md"
              + " section 15): score, each factor's points and, for a volunteer this bank serves or"
              + " enrolled, what each was computed from; and the honours their hours reached")
  @APIResponse(responseCode = "200", description = "The hub's answer, as it gave it")
  @APIResponse(
      responseCode = "403",
      description = "The hub says this bank may not read the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No bank has enrolled or credited the volunteer",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "503",
      description = "The hub cannot be reached",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response standing(@PathParam("volunteerId") String volunteerId) {
    if (!volunteerId.matches(FieldRules.VOLUNTEER_ID)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", VolunteerRequests.VOLUNTEER + ", was " + volunteerId);
    }
    return Response.ok(hubApi.standing(volunteerId)).build();
  }
}
