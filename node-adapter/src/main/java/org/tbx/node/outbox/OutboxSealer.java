package org.tbx.node.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.tbx.kit.keys.SigningKey;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.keys.NodeKeys;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;

/**
 * Seals waiting outbox events into one signed batch: under the stream's row lock it assigns the
 * next gapless sequence numbers, chains the batch to the previous one by its hash, signs it and
 * stores the bytes, so a publish retried after a crash sends exactly the same record.
 */
@ApplicationScoped
public class OutboxSealer {

  private final NodeConfig config;
  private final NodeKeys keys;

  OutboxSealer(NodeConfig config, NodeKeys keys) {
    this.config = config;
    this.keys = keys;
  }

  /**
   * @return how many events were sealed; as many as are waiting, up to the batch limit
   */
  @Transactional
  public int sealNext() {
    NodeStream stream = NodeStream.lock(config.id());
    List<OutboxEvent> events = OutboxEvent.unsealed(config.maxBatchEvents());
    if (events.isEmpty()) {
      return 0;
    }
    long first = stream.lastSequence + 1;
    long sequence = stream.lastSequence;
    List<NodeEvent> envelopes = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      NodeEvent envelope = BatchCodec.decodeEvent(event.envelope);
      envelope.setSequence(++sequence);
      event.sequence = sequence;
      envelopes.add(envelope);
    }
    SigningKey key = keys.current();
    NodeBatch body =
        NodeBatch.newBuilder()
            .setNodeId(config.id())
            .setFirstSequence(first)
            .setPreviousBatchHash(BatchCodec.sha256(stream.lastBatchHash))
            .setEvents(envelopes)
            .build();
    BatchCodec.Sealed sealed = BatchCodec.seal(body, key.privateKey(), key.keyId());
    OutboxBatch batch = new OutboxBatch();
    batch.firstSequence = first;
    batch.lastSequence = sequence;
    batch.eventCount = events.size();
    batch.batchHash = sealed.batchHash();
    batch.keyId = key.keyId();
    batch.payload = sealed.value();
    batch.persist();
    for (OutboxEvent event : events) {
      event.batchId = batch.id;
    }
    stream.lastSequence = sequence;
    stream.lastBatchHash = sealed.batchHash();
    return events.size();
  }
}
