package org.tbx.node.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.keys.SigningKey;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.keys.NodeKeys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;

/**
 * Who this node is: its id, topics and public signing key, everything the hub needs to register it.
 */
@Path("/api/v1/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

  /**
   * The node's public identity.
   *
   * @param keyId id of the active signing key
   * @param publicKeyHex its raw 32-byte Ed25519 public key, hex
   */
  public record NodeInfo(
      String nodeId, String outTopic, String inTopic, String keyId, String publicKeyHex) {}

  private final NodeConfig config;
  private final NodeKeys keys;

  NodeResource(NodeConfig config, NodeKeys keys) {
    this.config = config;
    this.keys = keys;
  }

  /** One of the node's keys; {@code active} marks the one that signs new batches. */
  public record KeyView(String keyId, String publicKeyHex, boolean active, Instant createdAt) {
    static KeyView of(SigningKey k) {
      return new KeyView(k.keyId(), k.publicKeyHex(), k.active(), k.createdAt());
    }
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/keys")
  @Operation(summary = "Every signing key of this node, newest first")
  public List<KeyView> keys() {
    return keys.all().stream().map(KeyView::of).toList();
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/keys")
  @Operation(
      summary =
          "Rotation, step 1: create the next signing key; register it at the hub, then activate it")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = KeyView.class)))
  public Response createNextKey(@Context UriInfo uri) {
    SigningKey next = keys.createNext();
    return Response.created(uri.getAbsolutePathBuilder().path(next.keyId()).build())
        .entity(KeyView.of(next))
        .build();
  }

  @POST
  @RolesAllowed(Roles.NODE)
  @Path("/keys/{keyId}/activation")
  @Operation(summary = "Rotation, step 2: sign every batch sealed from now on with this key")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = KeyView.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public KeyView activate(@PathParam("keyId") String keyId) {
    return KeyView.of(keys.activate(keyId));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Operation(summary = "This node's id, topics and public signing key, for registration at the hub")
  public NodeInfo info() {
    SigningKey key = keys.current();
    return new NodeInfo(
        config.id(),
        Topics.nodeOut(config.id()),
        Topics.nodeIn(config.id()),
        key.keyId(),
        key.publicKeyHex());
  }
}
