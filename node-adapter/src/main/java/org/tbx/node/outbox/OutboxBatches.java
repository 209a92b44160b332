package org.tbx.node.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.node.config.NodeConfig;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.NodeBatch;

/** The node's sealed batches ({@code outbox_batch}) as the shared publisher sees them. */
@ApplicationScoped
public class OutboxBatches implements BatchPublisher.Store {

  private final NodeConfig config;

  OutboxBatches(NodeConfig config) {
    this.config = config;
  }

  @Override
  public List<BatchPublisher.Sealed> unpublished(int limit) {
    String topic = Topics.nodeOut(config.id());
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                OutboxBatch.unpublished(limit).stream()
                    .map(b -> new BatchPublisher.Sealed(b.id, topic, config.id(), b.payload))
                    .toList());
  }

  @Override
  public void published(List<BatchPublisher.Acknowledged> acknowledged) {
    Instant now = Instant.now();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (BatchPublisher.Acknowledged ack : acknowledged) {
                OutboxBatch batch = OutboxBatch.findById(ack.id());
                batch.publishedAt = now;
                batch.kafkaOffset = ack.offset();
              }
            });
  }

  @Override
  public int caughtUp(String topic, BatchPublisher.Tail tail) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              if (!OutboxBatch.sealedAs(tail.lastSequence(), tail.batchHash())) {
                return -1;
              }
              return OutboxBatch.update(
                  "publishedAt = ?1 where publishedAt is null and lastSequence <= ?2",
                  Instant.now(),
                  tail.lastSequence());
            });
  }

  @Override
  public BatchPublisher.Tail decode(byte[] recordValue) throws Exception {
    BatchCodec.Opened opened = BatchCodec.open(recordValue);
    NodeBatch batch = opened.batch();
    return new BatchPublisher.Tail(
        batch.getFirstSequence() + batch.getEvents().size() - 1, opened.batchHash());
  }
}
