package org.tbx.node.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.tbx.node.config.NodeConfig;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v0.EventBatch;
import org.tbx.protocol.v0.EventEnvelope;

/**
 * Seals waiting outbox events into one batch: assigns the next gapless sequence numbers under the
 * stream's row lock and stores the encoded batch, so a publish retried after a crash sends the same bytes.
 */
@ApplicationScoped
public class OutboxSealer {

  private final NodeConfig config;

  OutboxSealer(NodeConfig config) {
    this.config = config;
  }

  /** @return how many events were sealed; as many as are waiting, up to the batch limit */
  @Transactional
  public int sealNext() {
    NodeStream stream = NodeStream.lock(config.id());
    List<OutboxEvent> events = OutboxEvent.unsealed(config.maxBatchEvents());
    if (events.isEmpty()) {
      return 0;
    }
    long first = stream.lastSequence + 1;
    long sequence = stream.lastSequence;
    List<EventEnvelope> envelopes = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      EventEnvelope envelope = BatchCodec.decodeEvent(event.envelope);
      envelope.setSequence(++sequence);
      event.sequence = sequence;
      envelopes.add(envelope);
    }
    OutboxBatch batch = new OutboxBatch();
    batch.firstSequence = first;
    batch.lastSequence = sequence;
    batch.eventCount = events.size();
    batch.payload = BatchCodec.encode(EventBatch.newBuilder().setNodeId(config.id()).setEvents(envelopes).build());
    batch.persist();
    for (OutboxEvent event : events) {
      event.batchId = batch.id;
    }
    stream.lastSequence = sequence;
    return events.size();
  }
}
