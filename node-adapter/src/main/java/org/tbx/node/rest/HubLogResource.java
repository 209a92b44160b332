package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.node.notice.CheckpointWatch;
import org.tbx.protocol.auth.Roles;

/**
 * The hub's log checkpoints this bank received, and whether each was proven to extend the one
 * before.
 */
@Path("/api/v1/hub-log/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class HubLogResource {

  private final CheckpointWatch checkpoints;

  HubLogResource(CheckpointWatch checkpoints) {
    this.checkpoints = checkpoints;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "The 20 newest checkpoints of the hub's log received here, with the consistency verdict")
  public List<CheckpointWatch.CheckpointView> list() {
    return checkpoints.recent(20);
  }
}
