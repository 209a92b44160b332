package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import org.tbx.protocol.auth.Roles;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The hub's log checkpoints this bank received, and whether each was proven to extend the one before. */
@Path("/api/v1/hub-log/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class HubLogResource {

  /**
   * One checkpoint.
   *
   * @param consistent true when proven to extend the previous one, false when it does not (history was
   *     rewritten), null when it could not be checked
   */
  public record CheckpointView(long treeSize, String rootHash, long timestamp, Boolean consistent, String detail) {}

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "The 20 newest checkpoints of the hub's log received here, with the consistency verdict")
  @SuppressWarnings("unchecked")
  public List<CheckpointView> list() {
    List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select tree_size, root_hash, signed_at, "
        + "consistent, detail from log_checkpoint order by tree_size desc limit 20").getResultList();
    return rows.stream()
        .map(r -> new CheckpointView(((Number) r[0]).longValue(), HexFormat.of().formatHex((byte[]) r[1]),
            ((Number) r[2]).longValue(), (Boolean) r[3], (String) r[4]))
        .toList();
  }
}
