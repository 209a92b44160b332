package org.tbx.hub.rest;

import jakarta.ws.rs.BeanParam;
import org.tbx.hub.security.Caller;
import org.tbx.protocol.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.reconciliation.DifferenceEntity;
import org.tbx.hub.reconciliation.ReconciliationEntity;

/** For the regulator and the banks: whether each bank's own books agree with the hub's. */
@Path("/api/v1/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

  /**
   * One difference.
   *
   * @param kind MISSING_AT_HUB, MISSING_AT_BANK, AMOUNT_DIFFERS, REJECTED_BY_HUB or CONTROL_TOTAL_DIFFERS
   * @param bankMinutes the bank's figure (net minutes for a volunteer, the total for a control total)
   */
  public record Difference(String kind, String volunteerId, String eventId, long bankMinutes, long hubMinutes) {}

  /** A reconciled statement. */
  public record Result(
      String statementId, String nodeId, long asOfSequence, boolean matched, int differenceCount, OffsetDateTime reconciledAt,
      List<Difference> differences) {}

  /** A page of results, newest first. */
  public record ResultPage(int page, int size, long total, List<Result> items) {}

  private final Caller caller;

  ReconciliationResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "Reconciliation results, newest first, optionally of one bank (differences omitted; see one result)")
  public ResultPage list(
      @QueryParam("nodeId") String nodeId,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    if (nodeId == null) {
      nodeId = caller.node().orElse(null);
    }
    if (nodeId != null) {
      caller.requireNode(nodeId);
    }
    var query = nodeId == null
        ? ReconciliationEntity.<ReconciliationEntity>findAll(Sort.descending("reconciledAt"))
        : ReconciliationEntity.<ReconciliationEntity>find("nodeId", Sort.descending("reconciledAt"), nodeId);
    query.page(Page.of(page, size));
    List<Result> items = query.list().stream().map(r -> result(r, List.of())).toList();
    return new ResultPage(page, size, query.count(), items);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{statementId}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "One reconciled statement with every difference")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Result.class)))
  @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response get(@PathParam("statementId") String statementId) {
    ReconciliationEntity r = ReconciliationEntity.findById(statementId);
    if (r == null) {
      return Response.status(Response.Status.NOT_FOUND)
          .entity(new ErrorResponse("NOT_FOUND", "no reconciled statement " + statementId)).build();
    }
    caller.requireNode(r.nodeId);
    List<Difference> differences = DifferenceEntity.<DifferenceEntity>find("statementId", Sort.ascending("id"), statementId)
        .list().stream()
        .map(d -> new Difference(d.kind, d.volunteerId, d.eventId, d.bankMinutes, d.hubMinutes))
        .toList();
    return Response.ok(result(r, differences)).build();
  }

  private static Result result(ReconciliationEntity r, List<Difference> differences) {
    return new Result(r.statementId, r.nodeId, r.asOfSequence, r.matched, r.differenceCount, r.reconciledAt, differences);
  }
}
