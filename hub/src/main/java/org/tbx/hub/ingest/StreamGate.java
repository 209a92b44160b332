package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Admits a bank's record into a poll only when it is the bank's next batch (PROTOCOL.md section 3):
 * it decodes, comes from a registered bank, is signed by a key the bank may still use and continues
 * the bank's sequence and hash chain. Everything else is quarantined with its reason, held after a
 * gap, or ignored as a replay.
 */
@ApplicationScoped
class StreamGate {

  /** A record admitted as its bank's next batch. */
  record Admitted(String nodeId, BatchCodec.Opened opened) {}

  private final NodeRegistry registry;
  private final Refusals refusals;

  StreamGate(NodeRegistry registry, Refusals refusals) {
    this.registry = registry;
    this.refusals = refusals;
  }

  /**
   * @return the opened batch, when it is its bank's next; the bank's stream head has moved past it
   */
  Optional<Admitted> admit(UnitOfWork work, ConsumerRecord<byte[], byte[]> record) {
    Optional<String> topicNode = Topics.nodeIdOfOut(record.topic());
    if (topicNode.isEmpty()) {
      refusals.reject(
          work,
          record,
          null,
          null,
          ReasonCode.UNKNOWN_TOPIC,
          "topic " + record.topic() + " is not a bank's topic");
      return Optional.empty();
    }
    String nodeId = topicNode.get();
    BatchCodec.Opened opened;
    try {
      opened = BatchCodec.open(record.value());
    } catch (ProtocolException e) {
      refusals.reject(work, record, nodeId, null, e.reason(), e.getMessage());
      return Optional.empty();
    }
    Optional<UnitOfWork.Stream> known = stream(work, nodeId);
    if (known.isEmpty()) {
      refusals.reject(
          work,
          record,
          nodeId,
          null,
          ReasonCode.UNKNOWN_NODE,
          "node " + nodeId + " is not registered at the hub");
      return Optional.empty();
    }
    UnitOfWork.Stream stream = known.get();
    String keyId = opened.signed().getKeyId();
    long first = opened.batch().getFirstSequence();
    NodeRegistry.KeyState key = stream.keys.get(keyId);
    Optional<String> refused = key == null ? Optional.empty() : key.refusal(first);
    if (refused.isPresent()) {
      refusals.reject(work, record, nodeId, null, ReasonCode.KEY_REVOKED, refused.get());
      return Optional.empty();
    }
    try {
      BatchVerifier.Verdict verdict =
          BatchVerifier.verify(
              opened,
              nodeId,
              id -> Optional.ofNullable(stream.keys.get(id)).map(NodeRegistry.KeyState::publicKey),
              stream.head);
      if (verdict == BatchVerifier.Verdict.REPLAY) {
        Log.debugf("batch from %s at sequence %d replayed; nothing to apply", nodeId, first);
        return Optional.empty();
      }
    } catch (ProtocolException e) {
      if (e.reason() == ReasonCode.SEQUENCE_GAP) {
        refusals.hold(work, record, nodeId, first, stream.head.lastSequence());
      } else {
        refusals.reject(work, record, nodeId, null, e.reason(), e.getMessage());
      }
      return Optional.empty();
    }
    stream.head = stream.head.after(opened);
    stream.moved = true;
    if (key.firstUsedSequence() == null && registry.markUsed(nodeId, keyId, first)) {
      stream.keys = registry.keyStates(nodeId);
    }
    return Optional.of(new Admitted(nodeId, opened));
  }

  /**
   * @return the bank's stream for this poll, its head locked on first use; empty for an unknown
   *     bank
   */
  Optional<UnitOfWork.Stream> stream(UnitOfWork work, String nodeId) {
    return work.streams.computeIfAbsent(
        nodeId,
        id ->
            registry
                .lockHead(id)
                .map(
                    head -> {
                      UnitOfWork.Stream s = new UnitOfWork.Stream();
                      s.head = head;
                      s.keys = registry.keyStates(id);
                      return s;
                    }));
  }

  /** Moves the heads of the streams that moved in this poll. */
  void saveHeads(UnitOfWork work) {
    work.streams.forEach(
        (node, stream) -> {
          if (stream.isPresent() && stream.get().moved) {
            registry.saveHead(node, stream.get().head);
          }
        });
  }
}
