package org.tbx.node.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.keys.NodeKeys;
import org.tbx.protocol.Topics;

/** Who this node is: its id, topics and public signing key, everything the hub needs to register it. */
@Path("/api/v1/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

  /**
   * The node's public identity.
   *
   * @param keyId id of the active signing key
   * @param publicKeyHex its raw 32-byte Ed25519 public key, hex
   */
  public record NodeInfo(String nodeId, String outTopic, String inTopic, String keyId, String publicKeyHex) {}

  private final NodeConfig config;
  private final NodeKeys keys;

  NodeResource(NodeConfig config, NodeKeys keys) {
    this.config = config;
    this.keys = keys;
  }

  @GET
  @Operation(summary = "This node's id, topics and public signing key, for registration at the hub")
  public NodeInfo info() {
    NodeKeys.SigningKey key = keys.current();
    return new NodeInfo(config.id(), Topics.nodeOut(config.id()), Topics.nodeIn(config.id()), key.keyId(), key.publicKeyHex());
  }
}
