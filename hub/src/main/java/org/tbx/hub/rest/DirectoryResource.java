package org.tbx.hub.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.registry.BankDirectory;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.rules.Rulebooks;

/** The bank directory: each bank's public profile, so a volunteer can see where to redeem. */
@Path("/api/v1/banks")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

  /**
   * A bank's public profile as a bank or the operator sets it.
   *
   * @param regionCode GB/T 2260 code of the bank's county or city (six digits)
   * @param categories service categories of the rulebook the bank offers
   */
  public record ProfileRequest(
      @NotNull @Size(min = 1, max = 100) String nameZh,
      @NotNull @Size(min = 1, max = 100) String nameEn,
      @NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a six-digit GB/T 2260 code")
          String regionCode,
      @NotNull @Size(min = 1, max = 200) String address,
      @NotNull @Pattern(regexp = "[0-9+() -]{5,30}", message = "must be a phone number")
          String phone,
      @NotNull @Size(min = 1, max = 100) String hours,
      @NotNull @Size(max = 50) List<String> categories) {}

  private final BankDirectory directory;
  private final NodeRegistry registry;
  private final Caller caller;

  DirectoryResource(BankDirectory directory, NodeRegistry registry, Caller caller) {
    this.directory = directory;
    this.registry = registry;
    this.caller = caller;
  }

  @GET
  @PermitAll
  @Operation(summary = "The bank directory: every bank's public profile, by region code")
  public List<BankDirectory.Profile> all() {
    return directory.all();
  }

  @GET
  @PermitAll
  @Path("/{nodeId}")
  @Operation(summary = "One bank's public profile")
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public BankDirectory.Profile one(@PathParam("nodeId") String nodeId) {
    return directory
        .find(nodeId)
        .orElseThrow(() -> ApiException.notFound("bank " + nodeId + " has no public profile"));
  }

  @PUT
  @RolesAllowed({Roles.ADMIN, Roles.NODE})
  @Path("/{nodeId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set a bank's public profile (the operator, or the bank itself)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = BankDirectory.Profile.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public BankDirectory.Profile save(
      @PathParam("nodeId") String nodeId, @Valid @NotNull ProfileRequest request) {
    if (caller.node().isPresent()) {
      caller.requireNode(nodeId);
    }
    if (!registry.exists(nodeId)) {
      throw ApiException.notFound("no bank " + nodeId + " is registered");
    }
    for (String category : request.categories()) {
      if (Rulebooks.current().category(category).isEmpty()) {
        throw ApiException.invalid(
            "categories", "INVALID_FIELD", Rulebooks.current().unknownCategory(category));
      }
    }
    return directory.save(
        new BankDirectory.Profile(
            nodeId,
            request.nameZh(),
            request.nameEn(),
            request.regionCode(),
            request.address(),
            request.phone(),
            request.hours(),
            request.categories(),
            null),
        caller.subject());
  }
}
