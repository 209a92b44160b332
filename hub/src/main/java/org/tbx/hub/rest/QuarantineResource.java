package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.Paging;
import org.tbx.protocol.auth.Roles;

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
      long id,
      String topic,
      int partition,
      long offset,
      String nodeId,
      String eventId,
      String reasonCode,
      String detail,
      Instant receivedAt,
      boolean held,
      Instant releasedAt,
      String valueBase64) {}

  /** A page of items, newest first. */
  public record ItemPage(int page, int size, long total, List<Item> items) {}

  private final Quarantine quarantine;
  private final Caller caller;

  QuarantineResource(Quarantine quarantine, Caller caller) {
    this.quarantine = quarantine;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "Quarantined records, newest first, with their bytes and reason codes")
  public ItemPage list(
      @Parameter(
              description = "Only this bank's records; a bank's token sees only its own either way")
          @QueryParam("nodeId")
          String nodeId,
      @BeanParam Paging paging) {
    int page = paging.page();
    int size = paging.size();
    String only = nodeId != null ? nodeId : caller.node().orElse(null);
    if (only != null) {
      caller.requireNode(only);
    }
    Quarantine.Page found = quarantine.list(only, page, size);
    List<Item> items =
        found.items().stream()
            .map(
                q ->
                    new Item(
                        q.id(),
                        q.topic(),
                        q.partition(),
                        q.offset(),
                        q.nodeId(),
                        q.eventId(),
                        q.reasonCode(),
                        q.detail(),
                        q.receivedAt(),
                        q.held(),
                        q.releasedAt(),
                        q.value() == null ? null : Base64.getEncoder().encodeToString(q.value())))
            .toList();
    return new ItemPage(page, size, found.total(), items);
  }
}
