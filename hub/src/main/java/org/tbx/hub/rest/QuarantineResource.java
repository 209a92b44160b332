package org.tbx.hub.rest;

import jakarta.ws.rs.BeanParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.tbx.hub.security.Caller;
import org.tbx.protocol.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.quarantine.QuarantinedRecord;

/** What the hub could not apply, for the regulator and the banks to see. */
@Path("/api/v1/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

  /**
   * One quarantined record or event.
   *
   * @param held true for a batch held after a sequence gap, applied when the gap is filled
   * @param releasedAt when a held batch was released
   * @param valueBase64 the record's bytes exactly as they arrived
   */
  public record Item(
      long id, String topic, int partition, long offset, String nodeId, String eventId, String reasonCode, String detail,
      OffsetDateTime receivedAt, boolean held, OffsetDateTime releasedAt, String valueBase64) {}

  /** A page of items, newest first. */
  public record ItemPage(int page, int size, long total, List<Item> items) {}

  private final Caller caller;

  QuarantineResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Transactional(Transactional.TxType.SUPPORTS)
  @Operation(summary = "Quarantined records, newest first, with their bytes and reason codes")
  public ItemPage list(
      @Parameter(description = "Only this bank's records; a bank's token sees only its own either way") @QueryParam("nodeId") String nodeId,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    String only = nodeId != null ? nodeId : caller.node().orElse(null);
    if (only != null) {
      caller.requireNode(only);
    }
    var query = (only == null
        ? QuarantinedRecord.<QuarantinedRecord>findAll(Sort.descending("id"))
        : QuarantinedRecord.<QuarantinedRecord>find("nodeId", Sort.descending("id"), only))
        .page(Page.of(page, size));
    List<Item> items =
        query.list().stream()
            .map(
                q -> new Item(
                    q.id, q.topic, q.partition, q.offset, q.nodeId, q.eventId, q.reasonCode, q.detail, q.receivedAt,
                    q.held, q.releasedAt, q.value == null ? null : Base64.getEncoder().encodeToString(q.value)))
            .toList();
    return new ItemPage(page, size, query.count(), items);
  }
}
