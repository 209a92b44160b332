package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.QueryParams;
import org.tbx.protocol.auth.Roles;

/**
 * What a bank or a volunteer is told besides the signed notices: another bank enrolled a volunteer,
 * a consent key changed, a debit was disputed or the dispute decided. A bank reads its own, a
 * volunteer theirs, the operator and the regulator all; {@code after} pages forward from the last
 * id seen.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  private final Notifications notifications;
  private final Caller caller;

  NotificationResource(Notifications notifications, Caller caller) {
    this.notifications = notifications;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Operation(
      summary =
          "Notifications after an id (default 0), oldest first, up to size (default 100, at most 500)")
  public List<Notifications.Notification> list(
      @QueryParam("after") String after, @QueryParam("size") String size) {
    return notifications.after(
        caller.node().orElse(null),
        caller.volunteer().orElse(null),
        QueryParams.longInteger("after", after, 0, 0, Long.MAX_VALUE),
        QueryParams.integer("size", size, 100, 1, 500));
  }
}
