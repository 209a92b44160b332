package org.tbx.protocol;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Checks an opened batch against the rules of a bank's stream: the topic's node, a known key and a
 * valid signature, consecutive events, and the chain (previous hash and next sequence).
 */
public final class BatchVerifier {

  private BatchVerifier() {}

  /**
   * What a reader knows of a bank's stream after the last batch it accepted.
   *
   * @param lastBatchHash SHA-256 of the last accepted batch body; {@link BatchCodec#GENESIS_HASH}
   *     before the first
   * @param lastSequence sequence of the last accepted event; 0 before the first
   */
  public record StreamHead(byte[] lastBatchHash, long lastSequence) {
    public static StreamHead genesis() {
      return new StreamHead(BatchCodec.GENESIS_HASH, 0);
    }

    /**
     * @return the head after accepting {@code opened}
     */
    public StreamHead after(BatchCodec.Opened opened) {
      List<NodeEvent> events = opened.batch().getEvents();
      return new StreamHead(opened.batchHash(), events.get(events.size() - 1).getSequence());
    }
  }

  /** How a well-formed, correctly signed batch relates to the stream. */
  public enum Verdict {
    /** The next batch of the stream: apply it. */
    NEXT,
    /**
     * A batch at or below the stream's head, sent again: harmless, its events are already known.
     */
    REPLAY
  }

  /**
   * @param topicNodeId the node whose topic carried the batch
   * @param keys the node's public key for a key id, if known and valid
   * @param head what is known of the node's stream
   * @return {@link Verdict#NEXT} or {@link Verdict#REPLAY}
   * @throws ProtocolException {@code NODE_MISMATCH}, {@code UNKNOWN_KEY}, {@code BAD_SIGNATURE},
   *     {@code INVALID_FIELD}, {@code SEQUENCE_MISMATCH}, {@code SEQUENCE_GAP} or {@code
   *     CHAIN_BROKEN}
   */
  public static Verdict verify(
      BatchCodec.Opened opened,
      String topicNodeId,
      Function<String, Optional<PublicKey>> keys,
      StreamHead head)
      throws ProtocolException {
    NodeBatch batch = opened.batch();
    if (!topicNodeId.equals(batch.getNodeId())) {
      throw new ProtocolException(
          ReasonCode.NODE_MISMATCH,
          "batch claims node "
              + batch.getNodeId()
              + " but arrived on node "
              + topicNodeId
              + "'s topic");
    }
    String keyId = opened.signed().getKeyId();
    PublicKey key =
        keys.apply(keyId)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_KEY,
                        "key " + keyId + " is not a key of node " + topicNodeId));
    if (!opened.signedBy(key)) {
      throw new ProtocolException(
          ReasonCode.BAD_SIGNATURE, "the signature does not verify with key " + keyId);
    }
    checkEvents(batch);
    long first = batch.getFirstSequence();
    if (first <= head.lastSequence()) {
      return Verdict.REPLAY;
    }
    if (first > head.lastSequence() + 1) {
      throw new ProtocolException(
          ReasonCode.SEQUENCE_GAP,
          "batch starts at sequence " + first + "; the stream is at " + head.lastSequence());
    }
    byte[] previous = batch.getPreviousBatchHash().bytes();
    if (!Arrays.equals(previous, head.lastBatchHash())) {
      throw new ProtocolException(
          ReasonCode.CHAIN_BROKEN,
          "previousBatchHash "
              + HexFormat.of().formatHex(previous)
              + " is not the last batch's hash "
              + HexFormat.of().formatHex(head.lastBatchHash()));
    }
    return Verdict.NEXT;
  }

  /** Events are present, belong to the batch's node and run consecutively from firstSequence. */
  private static void checkEvents(NodeBatch batch) throws ProtocolException {
    if (batch.getEvents().isEmpty()) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "events must hold at least one event");
    }
    long expected = batch.getFirstSequence();
    if (expected < 1) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD, "firstSequence must be at least 1, was " + expected);
    }
    for (NodeEvent event : batch.getEvents()) {
      if (!batch.getNodeId().equals(event.getNodeId())) {
        throw new ProtocolException(
            ReasonCode.NODE_MISMATCH,
            "event " + event.getEventId() + " claims node " + event.getNodeId());
      }
      if (event.getSequence() != expected) {
        throw new ProtocolException(
            ReasonCode.SEQUENCE_MISMATCH,
            "event "
                + event.getEventId()
                + " has sequence "
                + event.getSequence()
                + ", expected "
                + expected);
      }
      expected++;
    }
  }
}
