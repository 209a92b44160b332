package org.tbx.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
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
 * gap or while the stream is suspended, or ignored as an exact replay; a different batch at an
 * accepted sequence is a fork: quarantined ({@code STREAM_FORK}) and the stream suspended.
 */
@ApplicationScoped
class StreamGate {

  /** A record admitted as its bank's next batch. */
  record Admitted(String nodeId, BatchCodec.Opened opened) {}

  private final NodeRegistry registry;
  private final Refusals refusals;
  private final Counter forks;

  StreamGate(NodeRegistry registry, Refusals refusals, MeterRegistry metrics) {
    this.registry = registry;
    this.refusals = refusals;
    this.forks = metrics.counter("tbx.streams.forked");
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
    if (record.key() == null
        || !Arrays.equals(record.key(), nodeId.getBytes(StandardCharsets.UTF_8))) {
      refusals.reject(
          work,
          record,
          nodeId,
          null,
          ReasonCode.RECORD_KEY_MISMATCH,
          "the Kafka record key must be the bank's id ("
              + nodeId
              + "), so its records stay in order");
      return Optional.empty();
    }
    String keyId = opened.signed().getKeyId();
    long first = opened.batch().getFirstSequence();
    if (stream.suspended != null) {
      refusals.holdWhileSuspended(work, record, nodeId, first, stream.suspended);
      return Optional.empty();
    }
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
        Optional<String> fork = fork(stream, nodeId, opened);
        if (fork.isPresent()) {
          stream.suspended = fork.get();
          registry.suspend(nodeId, fork.get());
          forks.increment();
          refusals.fork(work, record, nodeId, opened, fork.get());
        } else {
          Log.debugf("batch from %s at sequence %d replayed; nothing to apply", nodeId, first);
        }
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
    stream.accepted.add(
        new NodeRegistry.AcceptedBatch(
            first, first + opened.batch().getEvents().size() - 1, opened.batchHash()));
    if (key.firstUsedSequence() == null && registry.markUsed(nodeId, keyId, first)) {
      stream.keys = registry.keyStates(nodeId);
    }
    return Optional.of(new Admitted(nodeId, opened));
  }

  /**
   * @return why a batch at sequences already accepted is a fork, not an exact replay: the hub
   *     accepted different bytes there; empty for a replay (or a sequence from before the hub kept
   *     batch hashes)
   */
  private Optional<String> fork(UnitOfWork.Stream stream, String nodeId, BatchCodec.Opened opened) {
    long first = opened.batch().getFirstSequence();
    long last = first + opened.batch().getEvents().size() - 1;
    Optional<NodeRegistry.AcceptedBatch> accepted =
        stream.accepted.stream()
            .filter(b -> b.firstSequence() <= first && b.lastSequence() >= first)
            .findFirst()
            .or(() -> registry.acceptedHolding(nodeId, first));
    if (accepted.isEmpty()) {
      return Optional.empty();
    }
    NodeRegistry.AcceptedBatch a = accepted.get();
    if (a.firstSequence() == first
        && a.lastSequence() == last
        && Arrays.equals(a.batchHash(), opened.batchHash())) {
      return Optional.empty();
    }
    return Optional.of(
        "a second history: batch "
            + first
            + ".."
            + last
            + " (hash "
            + HexFormat.of().formatHex(opened.batchHash())
            + ") differs from the batch "
            + a.firstSequence()
            + ".."
            + a.lastSequence()
            + " accepted there (hash "
            + HexFormat.of().formatHex(a.batchHash())
            + ")");
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
                      s.suspended = registry.suspension(id).orElse(null);
                      return s;
                    }));
  }

  /**
   * @return false when the bank's stream was not suspended
   */
  boolean resume(String nodeId) {
    return registry.resume(nodeId);
  }

  /** Moves the heads of the streams that moved in this poll. */
  void saveHeads(UnitOfWork work) {
    work.streams.forEach(
        (node, stream) -> {
          if (stream.isPresent() && stream.get().moved) {
            registry.saveHead(node, stream.get().head);
            registry.recordAccepted(node, stream.get().accepted);
          }
        });
  }
}
