package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.node.statement.StatementService;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.BalanceStatement;

/**
 * Balance statements: this bank's own view sent to the hub, and the hub's reconciliation of each.
 */
@Path("/api/v1/statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

  private final StatementService statements;

  StatementResource(StatementService statements) {
    this.statements = statements;
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Operation(summary = "Send a balance statement now; the hub answers with a reconciliation")
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
  public Response send(
      @Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key,
      @Context UriInfo uri) {
    var outcome = statements.create(key, "ON_DEMAND");
    String id =
        ((BalanceStatement) BatchCodec.decodeEvent(outcome.event().envelope).getPayload())
            .getStatementId();
    return Writes.created(
        uri.getAbsolutePathBuilder().path(id).build(), statements.view(id), outcome.replayed());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{statementId}")
  @Operation(summary = "A statement and the hub's reconciliation, once it arrived")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = StatementService.StatementView.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public StatementService.StatementView get(@PathParam("statementId") String statementId) {
    return statements.view(statementId);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "The 50 newest statements")
  public List<StatementService.StatementView> list() {
    return statements.recent(50);
  }
}
