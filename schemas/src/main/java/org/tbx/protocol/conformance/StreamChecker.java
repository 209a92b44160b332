package org.tbx.protocol.conformance;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Reads one bank's stream of record values as the hub does: decodes, verifies signature and chain,
 * and advances the stream's head only on an accepted batch. The core of the conformance suite.
 */
public final class StreamChecker {

  /**
   * What the checker made of one record.
   *
   * @param verdict {@code NEXT}, {@code REPLAY} or {@code REJECT}
   * @param reason the reason code of a rejection, else null
   * @param batchHash hex SHA-256 of the batch body, when it decoded
   */
  public record Result(String verdict, ReasonCode reason, String detail, String batchHash) {}

  private final String nodeId;
  private final Map<String, PublicKey> keys;
  private BatchVerifier.StreamHead head = BatchVerifier.StreamHead.genesis();

  /**
   * @param nodeId the bank whose topic the records come from
   * @param keys the bank's public keys by key id
   */
  public StreamChecker(String nodeId, Map<String, PublicKey> keys) {
    this.nodeId = nodeId;
    this.keys = Map.copyOf(keys);
  }

  /** Checks the next record value of the stream. */
  public Result check(byte[] value) {
    BatchCodec.Opened opened;
    try {
      opened = BatchCodec.open(value);
    } catch (ProtocolException e) {
      return new Result("REJECT", e.reason(), e.getMessage(), null);
    }
    String hash = HexFormat.of().formatHex(opened.batchHash());
    try {
      BatchVerifier.Verdict verdict =
          BatchVerifier.verify(opened, nodeId, id -> Optional.ofNullable(keys.get(id)), head);
      if (verdict == BatchVerifier.Verdict.NEXT) {
        head = head.after(opened);
      }
      return new Result(verdict.name(), null, "", hash);
    } catch (ProtocolException e) {
      return new Result("REJECT", e.reason(), e.getMessage(), hash);
    }
  }

  /**
   * @return the last accepted sequence
   */
  public long lastSequence() {
    return head.lastSequence();
  }
}
