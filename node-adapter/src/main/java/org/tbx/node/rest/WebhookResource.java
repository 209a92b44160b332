package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import org.tbx.protocol.auth.Roles;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The pushes of hub decisions to the bank's webhook, delivered or still being retried. */
@Path("/api/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  /** One push and how it went. */
  public record Delivery(long id, String kind, @JsonRawValue String body, int attempts, boolean delivered,
      String lastError) {}

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "The 100 newest webhook pushes; undelivered=true lists only those still being retried")
  @SuppressWarnings("unchecked")
  public List<Delivery> list(@QueryParam("undelivered") String undeliveredParam) {
    boolean undelivered = QueryParams.bool("undelivered", undeliveredParam, false);
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery("select id, kind, cast(body as text), attempts, delivered_at is not null, last_error "
            + "from webhook_delivery" + (undelivered ? " where delivered_at is null" : "") + " order by id desc limit 100")
        .getResultList();
    return rows.stream()
        .map(r -> new Delivery(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
            (Boolean) r[4], (String) r[5]))
        .toList();
  }
}
