package org.tbx.hub.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.notice.HubKeys;
import org.tbx.kit.keys.SigningKey;

/** The hub's public identity: the key banks verify its notices with. */
@Path("/api/v1/hub")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HubResource {

  /**
   * The hub's signing key.
   *
   * @param publicKeyHex raw 32-byte Ed25519 public key, hex
   */
  public record HubKey(String keyId, String publicKeyHex) {}

  private final HubKeys keys;

  HubResource(HubKeys keys) {
    this.keys = keys;
  }

  @GET
  @Path("/key")
  @Operation(summary = "The public key that signs the hub's notices to banks")
  public HubKey key() {
    SigningKey key = keys.current();
    return new HubKey(key.keyId(), key.publicKeyHex());
  }
}
