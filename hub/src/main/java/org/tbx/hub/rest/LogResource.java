package org.tbx.hub.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.log.LeafData;
import org.tbx.hub.log.LogAudit;
import org.tbx.hub.log.LogRepository;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.QueryParams;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MerkleTree;

/**
 * The transparency log: signed checkpoints (public), inclusion proofs for events, consistency
 * proofs between checkpoints, and the regulator's audit of the ledger against the log. Hashes are
 * hex.
 */
@Path("/api/v1/log")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

  private static final HexFormat HEX = HexFormat.of();

  /** A signed checkpoint; verify with the hub's key over the message PROTOCOL.md defines. */
  public record CheckpointView(
      long treeSize, String rootHash, long timestamp, String keyId, String signature) {
    static CheckpointView of(Checkpoint c) {
      return new CheckpointView(
          c.treeSize(),
          HEX.formatHex(c.rootHash()),
          c.timestamp(),
          c.keyId(),
          HEX.formatHex(c.signature()));
    }
  }

  /**
   * That a leaf is in the tree of {@code treeSize} leaves.
   *
   * @param leafData what the leaf says (text); its leaf hash is SHA-256(0x00 || leafData)
   * @param proof the audit path, bottom up
   */
  public record InclusionProof(
      String eventId,
      long leafIndex,
      long treeSize,
      String leafHash,
      String leafData,
      List<String> proof) {}

  /** That the tree of {@code second} leaves extends the tree of {@code first}. */
  public record ConsistencyProof(long first, long second, List<String> proof) {}

  private final LogRepository log;
  private final LogAudit audit;
  private final Caller caller;

  LogResource(LogRepository log, LogAudit audit, Caller caller) {
    this.log = log;
    this.audit = audit;
    this.caller = caller;
  }

  @GET
  @PermitAll
  @Path("/checkpoint")
  @Operation(summary = "The newest signed checkpoint (public)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = CheckpointView.class)))
  @APIResponse(
      responseCode = "404",
      description = "Nothing has been logged yet",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public CheckpointView latest() {
    return log.latestCheckpoint()
        .map(CheckpointView::of)
        .orElseThrow(
            () -> ApiException.notFound("no checkpoint has been signed yet: the log is empty"));
  }

  @GET
  @PermitAll
  @Path("/checkpoints/{treeSize}")
  @Operation(summary = "The signed checkpoint of a given tree size (public)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = CheckpointView.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public CheckpointView checkpoint(@PathParam("treeSize") String treeSize) {
    long size = size("treeSize", treeSize);
    return log.checkpointAt(size)
        .map(CheckpointView::of)
        .orElseThrow(() -> ApiException.notFound("no checkpoint was signed at tree size " + size));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER})
  @Path("/inclusion")
  @Operation(
      summary =
          "Proof that an event (by eventId, or leafIndex) is in the tree of treeSize leaves "
              + "(default: the newest checkpoint's)")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InclusionProof.class)))
  @APIResponse(
      responseCode = "400",
      description = "A parameter is malformed, or the leaf or size is beyond the tree",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "The event is neither the calling bank's nor moves the calling volunteer's minutes",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "The event is not in the log",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public InclusionProof inclusion(
      @QueryParam("eventId") String eventId,
      @QueryParam("leafIndex") String leafIndex,
      @QueryParam("treeSize") String treeSize) {
    if ((eventId == null) == (leafIndex == null)) {
      throw ApiException.badRequest("INVALID_FIELD", "give exactly one of eventId and leafIndex");
    }
    long index;
    if (eventId != null) {
      UUID id;
      try {
        id = UUID.fromString(eventId);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("eventId", "INVALID_FIELD", "must be a UUID, was " + eventId);
      }
      index =
          log.indexOf(id)
              .orElseThrow(
                  () ->
                      ApiException.notFound(
                          "event " + eventId + " is not in the log (not applied, or not yet)"));
    } else {
      index = size("leafIndex", leafIndex);
    }
    long size =
        treeSize != null
            ? size("treeSize", treeSize)
            : log.latestCheckpoint().map(Checkpoint::treeSize).orElse(0L);
    long logSize = log.size();
    if (size < 1 || size > logSize) {
      throw ApiException.invalid(
          "treeSize",
          "INVALID_FIELD",
          "must be within 1.." + logSize + " (the log's size), was " + size);
    }
    if (index >= size) {
      throw ApiException.invalid(
          "leafIndex",
          "INVALID_FIELD",
          index + " is beyond a tree of " + size + " leaves; ask for a larger treeSize");
    }
    MerkleTree.Nodes nodes = log.nodes();
    UUID id = log.eventAt(index).orElseThrow();
    LeafData leaf = log.derive(List.of(id)).get(id);
    if (leaf == null) {
      throw new IllegalStateException("logged event " + id + " has no processed-event row");
    }
    requireLeafReader(leaf);
    return new InclusionProof(
        id.toString(),
        index,
        size,
        HEX.formatHex(nodes.node(0, index)),
        new String(leaf.bytes(), StandardCharsets.UTF_8),
        hex(MerkleTree.inclusionProof(nodes, index, size)));
  }

  @GET
  @PermitAll
  @Path("/consistency")
  @Operation(summary = "Proof that the tree of `second` leaves extends the tree of `first` leaves")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ConsistencyProof.class)))
  @APIResponse(
      responseCode = "400",
      description = "Sizes malformed, reversed, or beyond the tree",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public ConsistencyProof consistency(
      @QueryParam("first") String first, @QueryParam("second") String second) {
    long a = size("first", first);
    long b = size("second", second);
    long logSize = log.size();
    if (a < 1) {
      throw ApiException.invalid("first", "INVALID_FIELD", "must be at least 1, was " + a);
    }
    if (a > b) {
      throw ApiException.invalid(
          "first",
          "INVALID_FIELD",
          "(" + a + ") must not exceed second (" + b + "): the range is reversed");
    }
    if (b > logSize) {
      throw ApiException.invalid(
          "second", "INVALID_FIELD", "must be at most " + logSize + " (the log's size), was " + b);
    }
    return new ConsistencyProof(a, b, hex(MerkleTree.consistencyProof(log.nodes(), a, b)));
  }

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR})
  @Path("/audit")
  @Operation(
      summary =
          "Derive every leaf again from the ledger tables and compare with the log and the newest "
              + "checkpoint; a row edited in the database is reported with its event id")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = LogAudit.Report.class)))
  public LogAudit.Report audit() {
    return audit.run();
  }

  /** A bank reads the leaves of its own events, a volunteer those that move their minutes. */
  private void requireLeafReader(LeafData leaf) {
    if (caller.readsAll()) {
      return;
    }
    if (caller.node().filter(leaf.nodeId()::equals).isPresent()) {
      return;
    }
    Optional<Account> account = caller.volunteer().map(Account::volunteer);
    if (account.isPresent()
        && leaf.transfers().stream()
            .anyMatch(t -> t.debit().equals(account.get()) || t.credit().equals(account.get()))) {
      return;
    }
    throw ApiException.forbidden(
        "this token may not read event "
            + leaf.eventId()
            + ": it is neither its bank's nor moves its volunteer's minutes");
  }

  private static long size(String name, String value) {
    if (value == null) {
      throw ApiException.invalid(name, "INVALID_FIELD", "is required");
    }
    return QueryParams.longInteger(name, value, 0, 0, Long.MAX_VALUE);
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }
}
