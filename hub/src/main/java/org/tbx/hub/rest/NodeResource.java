package org.tbx.hub.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tbx.hub.ingest.IngestService;
import org.tbx.hub.monitor.StreamStatus;
import org.tbx.hub.notice.NoticeBatches;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.security.Caller;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ErrorResponse;
import org.tbx.kit.api.QueryParams;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;

/** The banks of the federation and their signing keys: how a new bank joins. */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

  /**
   * A bank's public key to register.
   *
   * @param publicKeyHex the raw 32-byte Ed25519 public key, 64 hex digits, as the adapter prints it
   */
  public record KeyRequest(@NotNull String publicKeyHex) {}

  /**
   * A registered key.
   *
   * @param firstUsedSequence the first stream sequence the hub accepted under it (the rotation
   *     point for older keys)
   * @param retiredAfterSequence the last sequence it may sign, set once a newer key was used
   * @param revokedAt when it was revoked; batches signed with it are quarantined with KEY_REVOKED
   */
  public record KeyResponse(
      String nodeId,
      String keyId,
      String publicKeyHex,
      Long firstUsedSequence,
      Long retiredAfterSequence,
      Instant revokedAt,
      String revocationReason) {

    static KeyResponse of(String nodeId, NodeRegistry.KeyState k) {
      return new KeyResponse(
          nodeId,
          k.keyId(),
          HexFormat.of().formatHex(k.rawPublicKey()),
          k.firstUsedSequence(),
          k.retiredAfterSequence(),
          k.revokedAt(),
          k.revocationReason());
    }
  }

  /**
   * Why a key is revoked.
   *
   * @param reason for the record, e.g. "private key leaked"
   */
  public record RevocationRequest(@NotNull String reason) {}

  /**
   * A bank's guarantee fund (兜底).
   *
   * @param fundMinutes minutes of service the fund can buy if redemptions of the bank's hours fail
   */
  public record GuaranteeRequest(Long fundMinutes) {}

  /** The largest guarantee fund a bank may declare: 10^12 minutes, about 1.9 million years. */
  static final long MAX_FUND_MINUTES = 1_000_000_000_000L;

  /**
   * A sealed notice batch, as the hub put it on the bank's {@code .in} topic.
   *
   * @param recordValueBase64 the record value (a signed {@code SignedNotices}), base64
   */
  public record NoticeRecord(long firstSequence, long lastSequence, String recordValueBase64) {}

  /** What accepting a gap did. */
  public record GapAccepted(String nodeId, int appliedEvents, long lastSequence) {}

  private final NodeRegistry registry;
  private final StreamStatus streams;
  private final IngestService ingest;
  private final Caller caller;
  private final NoticeBatches notices;

  NodeResource(
      NodeRegistry registry,
      StreamStatus streams,
      IngestService ingest,
      Caller caller,
      NoticeBatches notices) {
    this.registry = registry;
    this.streams = streams;
    this.ingest = ingest;
    this.caller = caller;
    this.notices = notices;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/stream/accept-gap")
  @Operation(
      summary =
          "Operator decision: give up on a bank's missing sequences and apply the batches held behind the gap")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = GapAccepted.class)))
  @APIResponse(
      responseCode = "404",
      description = "Unknown bank, or nothing held",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public GapAccepted acceptGap(@PathParam("nodeId") String nodeId) {
    requireNodeId(nodeId);
    int applied =
        ingest
            .acceptGap(nodeId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "node " + nodeId + " is unknown or has no batch held behind a gap"));
    long last = streams.of(nodeId).map(StreamStatus.Status::lastSequence).orElse(0L);
    return new GapAccepted(nodeId, applied, last);
  }

  /** What resuming a stream did. */
  public record Resumed(String nodeId, int appliedEvents, long lastSequence) {}

  /**
   * Why an operator suspends a bank's stream.
   *
   * @param reason for the record and the bank, e.g. "signing key reported stolen"
   */
  public record SuspensionRequest(@NotNull String reason) {}

  /** A stream the operator suspended. */
  public record Suspended(String nodeId, String reason) {}

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/stream/suspension")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Operator decision: suspend a bank's stream; its batches are held (STREAM_SUSPENDED), not"
              + " lost, until the stream is resumed")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Suspended.class)))
  @APIResponse(
      responseCode = "404",
      description = "Unknown bank",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already suspended (STREAM_SUSPENDED)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Suspended suspend(@PathParam("nodeId") String nodeId, SuspensionRequest request) {
    requireNodeId(nodeId);
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw ApiException.invalid("reason", "INVALID_FIELD", "is required");
    }
    if (!registry.exists(nodeId)) {
      throw ApiException.notFound("node " + nodeId + " is not registered");
    }
    String reason = "suspended by " + caller.subject() + ": " + request.reason();
    if (!registry.suspendByOperator(nodeId, reason)) {
      throw ApiException.conflict(
          "STREAM_SUSPENDED",
          "the stream of "
              + nodeId
              + " is suspended already: "
              + registry.suspension(nodeId).orElse("(no stream yet)"));
    }
    return new Suspended(nodeId, reason);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/stream/resumption")
  @Operation(
      summary =
          "Operator decision: resume a bank's stream suspended after a fork, applying the batches held"
              + " since that continue it")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Resumed.class)))
  @APIResponse(
      responseCode = "404",
      description = "Unknown bank, or its stream is not suspended",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Resumed resume(@PathParam("nodeId") String nodeId) {
    requireNodeId(nodeId);
    int applied =
        ingest
            .resume(nodeId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "node " + nodeId + " is unknown or its stream is not suspended"));
    long last = streams.of(nodeId).map(StreamStatus.Status::lastSequence).orElse(0L);
    return new Resumed(nodeId, applied, last);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{nodeId}/stream")
  @Operation(
      summary =
          "A bank's stream at the hub: last sequence and batch hash, lag behind Kafka, quarantined count, "
              + "last reconciled statement")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = StreamStatus.Status.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public StreamStatus.Status stream(@PathParam("nodeId") String nodeId) {
    requireNodeId(nodeId);
    caller.requireNode(nodeId);
    return streams
        .of(nodeId)
        .orElseThrow(() -> ApiException.notFound("node " + nodeId + " is not registered"));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{nodeId}/notices")
  @Operation(
      summary =
          "The signed notice batches sent to a bank holding notices after a sequence (default 0), in"
              + " order, up to size (default 100, at most 500): how a bank recovers notices it lost")
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<NoticeRecord> notices(
      @PathParam("nodeId") String nodeId,
      @QueryParam("after") String after,
      @QueryParam("size") String size) {
    requireNodeId(nodeId);
    caller.requireNode(nodeId);
    return notices
        .after(
            nodeId,
            QueryParams.longInteger("after", after, 0, 0, Long.MAX_VALUE),
            QueryParams.integer("size", size, 100, 1, 500))
        .stream()
        .map(
            b ->
                new NoticeRecord(
                    b.firstSequence(),
                    b.lastSequence(),
                    Base64.getEncoder().encodeToString(b.recordValue())))
        .toList();
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/keys")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a bank (if new) and a public key its batches are signed with; repeating it is harmless")
  @APIResponse(
      responseCode = "201",
      description = "Registered",
      content = @Content(schema = @Schema(implementation = KeyResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "Already registered",
      content = @Content(schema = @Schema(implementation = KeyResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed node id or key",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response register(@PathParam("nodeId") String nodeId, KeyRequest request) {
    requireNodeId(nodeId);
    if (request == null
        || request.publicKeyHex() == null
        || !request.publicKeyHex().matches("[0-9a-fA-F]{64}")) {
      throw ApiException.invalid(
          "publicKeyHex", "INVALID_FIELD", "must be 64 hex digits (a raw Ed25519 public key)");
    }
    NodeRegistry.RegisteredKey key;
    try {
      key = registry.register(nodeId, HexFormat.of().parseHex(request.publicKeyHex()));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("publicKeyHex", "INVALID_FIELD", e.getMessage());
    }
    return Response.status(key.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(
            new KeyResponse(
                nodeId,
                key.keyId(),
                HexFormat.of().formatHex(key.publicKey()),
                null,
                null,
                null,
                null))
        .build();
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/guarantee")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Declare the guarantee fund a bank holds against its outstanding hours")
  @APIResponse(responseCode = "204", description = "Declared")
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response guarantee(@PathParam("nodeId") String nodeId, GuaranteeRequest request) {
    requireNodeId(nodeId);
    if (request == null
        || request.fundMinutes() == null
        || request.fundMinutes() < 0
        || request.fundMinutes() > MAX_FUND_MINUTES) {
      throw ApiException.invalid(
          "fundMinutes",
          "INVALID_FIELD",
          "must be a whole number of minutes within 0.." + MAX_FUND_MINUTES);
    }
    if (!registry.declareGuarantee(nodeId, request.fundMinutes())) {
      throw ApiException.notFound("node " + nodeId + " is not registered");
    }
    return Response.noContent().build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.REGULATOR, Roles.NODE})
  @Path("/{nodeId}/keys")
  @Operation(summary = "The public keys registered for a bank")
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public List<KeyResponse> keys(@PathParam("nodeId") String nodeId) {
    requireNodeId(nodeId);
    caller.requireNode(nodeId);
    List<KeyResponse> keys =
        registry.keys(nodeId).stream().map(k -> KeyResponse.of(nodeId, k)).toList();
    if (keys.isEmpty()) {
      throw ApiException.notFound("node " + nodeId + " is not registered");
    }
    return keys;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Path("/{nodeId}/keys/{keyId}/revocation")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Revoke a bank's key: every batch signed with it from now on is quarantined with KEY_REVOKED; "
              + "revoking again changes nothing")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = KeyResponse.class)))
  @APIResponse(
      responseCode = "400",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "The bank has no such key",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public KeyResponse revoke(
      @PathParam("nodeId") String nodeId,
      @PathParam("keyId") String keyId,
      RevocationRequest request) {
    requireNodeId(nodeId);
    if (request == null
        || request.reason() == null
        || request.reason().isBlank()
        || request.reason().length() > 500) {
      throw ApiException.invalid("reason", "INVALID_FIELD", "is required (1 to 500 characters)");
    }
    return registry
        .revoke(nodeId, keyId, request.reason())
        .map(k -> KeyResponse.of(nodeId, k))
        .orElseThrow(() -> ApiException.notFound("node " + nodeId + " has no key " + keyId));
  }

  static void requireNodeId(String nodeId) {
    if (!Topics.NODE_ID.matcher(nodeId).matches()) {
      throw ApiException.invalid(
          "nodeId", "INVALID_FIELD", "must match " + Topics.NODE_ID.pattern());
    }
  }
}
