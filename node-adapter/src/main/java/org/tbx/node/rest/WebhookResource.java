package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.kit.api.QueryParams;
import org.tbx.node.webhook.WebhookOutbox;
import org.tbx.protocol.auth.Roles;

/** The pushes of hub decisions to the bank's webhook, delivered or still being retried. */
@Path("/api/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  private final WebhookOutbox webhook;

  WebhookResource(WebhookOutbox webhook) {
    this.webhook = webhook;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(
      summary =
          "The 100 newest webhook pushes; undelivered=true lists only those still being retried")
  public List<WebhookOutbox.Delivery> list(@QueryParam("undelivered") String undeliveredParam) {
    return webhook.recent(QueryParams.bool("undelivered", undeliveredParam, false));
  }
}
