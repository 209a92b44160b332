package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import org.tbx.protocol.auth.Roles;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.hibernate.orm.panache.Panache;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.node.statement.StatementService;
import org.tbx.protocol.v1.BalanceStatement;

/** Balance statements: this bank's own view sent to the hub, and the hub's reconciliation of each. */
@Path("/api/v1/statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

  private final StatementService statements;

  StatementResource(StatementService statements) {
    this.statements = statements;
  }

  /**
   * A statement and its reconciliation.
   *
   * @param asOfSequence it covers this bank's events up to this sequence
   * @param matched null until the hub answered; then whether the hub's books agree
   * @param differences the hub's differences, each with its kind, volunteer and minutes
   */
  public record StatementView(String statementId, long asOfSequence, long eventCount, long creditedMinutes,
      long debitedMinutes, int volunteerCount, int partCount, Instant createdAt, Boolean matched,
      @JsonRawValue String differences, Instant reconciledAt) {}

  @POST
  @RolesAllowed(Roles.NODE)
  @Operation(summary = "Send a balance statement now; the hub answers with a reconciliation")
  @APIResponse(responseCode = "201", description = "Stored with its outbox event; a retry answers the same, with Idempotent-Replayed: true",
      content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
  @APIResponse(responseCode = "400", description = "A field or the Idempotency-Key header is missing or breaks a rule; the message names it",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "409", description = "The Idempotency-Key was used for a different request, or the state forbids this write",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response send(@Parameter(description = Writes.KEY_DOC) @HeaderParam(Writes.IDEMPOTENCY_KEY) String key, @Context UriInfo uri) {
    var outcome = statements.create(key, "ON_DEMAND");
    String id = ((BalanceStatement) org.tbx.protocol.BatchCodec.decodeEvent(outcome.event().envelope).getPayload())
        .getStatementId();
    return Writes.created(uri.getAbsolutePathBuilder().path(id).build(), view(id), outcome.replayed());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{statementId}")
  @Operation(summary = "A statement and the hub's reconciliation, once it arrived")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatementView.class)))
  @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public StatementView get(@PathParam("statementId") String statementId) {
    return view(statementId);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "The 50 newest statements")
  public List<StatementView> list() {
    return rows("order by created_at desc limit 50", null);
  }

  private static StatementView view(String id) {
    return rows("where statement_id = :i", id).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("this bank sent no statement " + id));
  }

  @SuppressWarnings("unchecked")
  private static List<StatementView> rows(String clause, String id) {
    var query = Panache.getEntityManager().createNativeQuery("select statement_id, as_of_sequence, event_count, "
        + "credited_minutes, debited_minutes, volunteer_count, part_count, "
        + "cast(floor(extract(epoch from created_at) * 1000) as bigint), matched, cast(differences as text), "
        + "cast(floor(extract(epoch from reconciled_at) * 1000) as bigint) from statement " + clause);
    if (id != null) {
      query.setParameter("i", id);
    }
    return ((List<Object[]>) query.getResultList()).stream()
        .map(r -> new StatementView((String) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]), (int) n(r[5]), (int) n(r[6]),
            Instant.ofEpochMilli(n(r[7])), (Boolean) r[8], (String) r[9],
            r[10] == null ? null : Instant.ofEpochMilli(n(r[10]))))
        .toList();
  }

  private static long n(Object o) {
    return ((Number) o).longValue();
  }
}
