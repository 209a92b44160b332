package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.Paging;
import org.tbx.protocol.auth.Roles;

/** For the regulator and the banks: whether each bank's own books agree with the hub's. */
@Path("/api/v1/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

  /** A page of results, newest first. */
  public record ResultPage(
      int page, int size, long total, List<ReconciliationRepository.Result> items) {}

  private final ReconciliationRepository reconciliations;
  private final Caller caller;

  ReconciliationResource(ReconciliationRepository reconciliations, Caller caller) {
    this.reconciliations = reconciliations;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "Reconciliation results, newest first, optionally of one bank, each with its differences")
  public ResultPage list(@QueryParam("nodeId") String nodeId, @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    String only = nodeId != null ? nodeId : caller.node().orElse(null);
    if (only != null) {
      caller.requireNode(only);
    }
    ReconciliationRepository.Page found = reconciliations.list(only, page, size);
    return new ResultPage(page, size, found.total(), found.items());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{statementId}")
  @Operation(summary = "One reconciled statement with every difference")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ReconciliationRepository.Result.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public ReconciliationRepository.Result get(@PathParam("statementId") String statementId) {
    ReconciliationRepository.Result r =
        reconciliations
            .find(statementId)
            .orElseThrow(() -> ApiException.notFound("no reconciled statement " + statementId));
    caller.requireNode(r.nodeId());
    return r;
  }
}
