package org.tbx.kit.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;

/**
 * The national standard of units and exchange rules (PROTOCOL.md section 7), served the same by the
 * hub and every adapter, to anyone: the service categories with their Chinese and English names and
 * what each needs, the units, caps, ages and consent rules.
 */
@Path("/api/v1/rulebooks")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class RulebookResource {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** A published rulebook version and the day it takes effect. */
  public record RulebookVersion(int version, String effectiveFrom, boolean inForce) {}

  private final Clock clock;

  RulebookResource(Clock clock) {
    this.clock = clock;
  }

  @GET
  @Operation(summary = "Every published rulebook version and which is in force today")
  public List<RulebookVersion> versions() {
    int inForce = current().version();
    return Rulebooks.all().stream()
        .map(r -> new RulebookVersion(r.version(), r.effectiveFrom(), r.version() == inForce))
        .toList();
  }

  @GET
  @Path("/current")
  @Operation(summary = "The rulebook in force today (China time): categories, units, caps, ages")
  public Rulebook current() {
    LocalDate today = LocalDate.now(clock.withZone(CHINA));
    return Rulebooks.inForceOn(today).orElse(Rulebooks.all().get(0));
  }

  @GET
  @Path("/{version}")
  @Operation(summary = "One rulebook version")
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Rulebook version(@PathParam("version") String version) {
    int v = QueryParams.integer("version", version, 0, 1, Integer.MAX_VALUE);
    return Rulebooks.version(v)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "no rulebook version "
                        + v
                        + "; see GET /api/v1/rulebooks for the published ones"));
  }
}
