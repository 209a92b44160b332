package org.tbx.hub.rest;

import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.security.Caller;
import org.tbx.protocol.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.log.LeafData;
import org.tbx.hub.log.LogAudit;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.protocol.log.MerkleTree;

/**
 * The transparency log: signed checkpoints (public), inclusion proofs for events, consistency proofs
 * between checkpoints, and the regulator's audit of the ledger against the log. Hashes are hex.
 */
@Path("/api/v1/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

  private static final HexFormat HEX = HexFormat.of();

  /** A signed checkpoint; verify with the hub's key over the message PROTOCOL.md defines. */
  public record CheckpointView(long treeSize, String rootHash, long timestamp, String keyId, String signature) {}

  /**
   * That a leaf is in the tree of {@code treeSize} leaves.
   *
   * @param leafData what the leaf says (text); its leaf hash is SHA-256(0x00 || leafData)
   * @param proof the audit path, bottom up
   */
  public record InclusionProof(String eventId, long leafIndex, long treeSize, String leafHash, String leafData,
      List<String> proof) {}

  /** That the tree of {@code second} leaves extends the tree of {@code first}. */
  public record ConsistencyProof(long first, long second, List<String> proof) {}

  private final DataSource dataSource;
  private final TransparencyLog log;
  private final LogAudit audit;

  private final Caller caller;

  LogResource(DataSource dataSource, TransparencyLog log, LogAudit audit, Caller caller) {
    this.caller = caller;
    this.dataSource = dataSource;
    this.log = log;
    this.audit = audit;
  }

  @GET
  @PermitAll
  @Path("/checkpoint")
  @Operation(summary = "The newest signed checkpoint (public)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CheckpointView.class)))
  @APIResponse(responseCode = "404", description = "Nothing has been logged yet",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response latest() throws SQLException {
    return checkpoint("order by tree_size desc limit 1", null)
        .map(cp -> Response.ok(cp).build())
        .orElseGet(() -> notFound("no checkpoint has been signed yet: the log is empty"));
  }

  @GET
  @PermitAll
  @Path("/checkpoints/{treeSize}")
  @Operation(summary = "The signed checkpoint of a given tree size (public)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CheckpointView.class)))
  @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response checkpoint(@PathParam("treeSize") String treeSize) throws SQLException {
    long size;
    try {
      size = number("treeSize", treeSize);
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    return checkpoint("where tree_size = ?", size)
        .map(cp -> Response.ok(cp).build())
        .orElseGet(() -> notFound("no checkpoint was signed at tree size " + size));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/inclusion")
  @Operation(summary = "Proof that an event (by eventId, or leafIndex) is in the tree of treeSize leaves "
      + "(default: the newest checkpoint's)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InclusionProof.class)))
  @APIResponse(responseCode = "400", description = "A parameter is malformed, or the leaf or size is beyond the tree",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "403", description = "The event is neither the calling bank's nor moves the calling volunteer's minutes",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "404", description = "The event is not in the log",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response inclusion(@QueryParam("eventId") String eventId, @QueryParam("leafIndex") String leafIndex,
      @QueryParam("treeSize") String treeSize) throws SQLException {
    if ((eventId == null) == (leafIndex == null)) {
      return badRequest("give exactly one of eventId and leafIndex");
    }
    try (Connection c = dataSource.getConnection()) {
      long index;
      if (eventId != null) {
        UUID id;
        try {
          id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
          return badRequest("eventId must be a UUID, was " + eventId);
        }
        Optional<Long> found = log.indexOf(c, id);
        if (found.isEmpty()) {
          return notFound("event " + eventId + " is not in the log (not applied, or not yet)");
        }
        index = found.get();
      } else {
        index = number("leafIndex", leafIndex);
      }
      long size = treeSize != null ? number("treeSize", treeSize) : latestCheckpointSize(c);
      long logSize = log.size(c);
      if (size < 1 || size > logSize) {
        return badRequest("treeSize must be within 1.." + logSize + " (the log's size), was " + size);
      }
      if (index >= size) {
        return badRequest("leaf " + index + " is beyond a tree of " + size + " leaves; ask for a larger treeSize");
      }
      TransparencyLog.Nodes nodes = new TransparencyLog.Nodes(c);
      String id = eventAt(c, index);
      String data = new String(LeafData.of(c, UUID.fromString(id)), StandardCharsets.UTF_8);
      requireLeafReader(id, data);
      return Response.ok(new InclusionProof(id, index, size, HEX.formatHex(nodes.node(0, index)), data, hex(MerkleTree.inclusionProof(nodes, index, size)))).build();
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  @GET
  @PermitAll
  @Path("/consistency")
  @Operation(summary = "Proof that the tree of `second` leaves extends the tree of `first` leaves")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConsistencyProof.class)))
  @APIResponse(responseCode = "400", description = "Sizes malformed, reversed, or beyond the tree",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response consistency(@QueryParam("first") String first, @QueryParam("second") String second)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long a = number("first", first);
      long b = number("second", second);
      long logSize = log.size(c);
      if (a < 1) {
        return badRequest("first must be at least 1, was " + a);
      }
      if (a > b) {
        return badRequest("first (" + a + ") must not exceed second (" + b + "): the range is reversed");
      }
      if (b > logSize) {
        return badRequest("second must be at most " + logSize + " (the log's size), was " + b);
      }
      return Response.ok(new ConsistencyProof(a, b,
          hex(MerkleTree.consistencyProof(new TransparencyLog.Nodes(c), a, b)))).build();
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
  @Path("/audit")
  @Operation(summary = "Derive every leaf again from the ledger tables and compare with the log and the newest "
      + "checkpoint; a row edited in the database is reported with its event id")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LogAudit.Report.class)))
  public LogAudit.Report audit() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return audit.run(c);
    }
  }

  /** A bank reads the leaves of its own events, a volunteer those that move their minutes. */
  private void requireLeafReader(String eventId, String leafData) {
    if (caller.readsAll()) {
      return;
    }
    List<String> lines = leafData.lines().toList();
    if (caller.node().filter(node -> lines.contains("node " + node)).isPresent()) {
      return;
    }
    Optional<String> account = caller.volunteer().map(v -> Transfer.Account.volunteer(v).id());
    if (account.isPresent() && lines.stream()
        .filter(l -> l.startsWith("transfer "))
        .map(l -> l.split(" "))
        .anyMatch(t -> t[1].equals(account.get()) || t[2].equals(account.get()))) {
      return;
    }
    throw Caller.forbidden("this token may not read event " + eventId + ": it is neither its bank's nor moves its volunteer's minutes");
  }

  private Optional<CheckpointView> checkpoint(String clause, Long size) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "select tree_size, root_hash, signed_at, key_id, signature from log_checkpoint " + clause)) {
      if (size != null) {
        ps.setLong(1, size);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new CheckpointView(rs.getLong(1), HEX.formatHex(rs.getBytes(2)), rs.getLong(3), rs.getString(4),
            HEX.formatHex(rs.getBytes(5))));
      }
    }
  }

  private static long latestCheckpointSize(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(tree_size), 0) from log_checkpoint");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String eventAt(Connection c, long index) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select event_id from log_leaf where leaf_index = ?")) {
      ps.setLong(1, index);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long number(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    try {
      long n = Long.parseLong(value);
      if (n < 0) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was " + value);
    }
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  private static Response badRequest(String message) {
    return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorResponse("INVALID_FIELD", message)).build();
  }

  private static Response notFound(String message) {
    return Response.status(Response.Status.NOT_FOUND).entity(new ErrorResponse("NOT_FOUND", message)).build();
  }
}
