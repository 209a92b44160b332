package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.node.notice.ParkedNotices;
import org.tbx.protocol.auth.Roles;

/** What came on the hub's topic and could not be taken, kept with its bytes and reason. */
@Path("/api/v1/parked-notices")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedNoticeResource {

  private final ParkedNotices parked;

  ParkedNoticeResource(ParkedNotices parked) {
    this.parked = parked;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "The 100 newest records from the hub's topic that did not decode, were not signed by the hub's key, "
              + "or carried a notice this adapter does not know; each with its bytes and reason")
  public List<ParkedNotices.Parked> list() {
    return parked.recent(100);
  }
}
