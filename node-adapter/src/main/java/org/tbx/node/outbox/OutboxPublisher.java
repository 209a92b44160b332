package org.tbx.node.outbox;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.kafka.KafkaClients;
import org.tbx.protocol.Topics;

/**
 * Publishes sealed batches in sequence order and marks each published once the broker acknowledged it.
 * A batch the broker did not acknowledge stays pending and is sent again, byte for byte, on the next turn.
 */
@ApplicationScoped
public class OutboxPublisher {

  private static final int BATCHES_PER_TURN = 100;

  private final Producer<String, byte[]> producer;
  private final KafkaClients clients;
  private final NodeConfig config;
  private volatile boolean topicReady;

  OutboxPublisher(Producer<String, byte[]> producer, KafkaClients clients, NodeConfig config) {
    this.producer = producer;
    this.clients = clients;
    this.config = config;
  }

  /** @return how many batches were published, at most {@value #BATCHES_PER_TURN} per call */
  public int publishPending() {
    List<OutboxBatch> pending = QuarkusTransaction.requiringNew().call(() -> OutboxBatch.unpublished(BATCHES_PER_TURN));
    if (pending.isEmpty()) {
      return 0;
    }
    String topic = Topics.nodeOut(config.id());
    ensureTopic(topic);
    List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
    for (OutboxBatch batch : pending) {
      sends.add(producer.send(new ProducerRecord<>(topic, config.id(), batch.payload)));
    }
    List<long[]> acknowledged = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      Optional<RecordMetadata> ack = await(sends.get(i), pending.get(i));
      if (ack.isEmpty()) {
        break;
      }
      acknowledged.add(new long[] {pending.get(i).id, ack.get().offset()});
    }
    if (!acknowledged.isEmpty()) {
      QuarkusTransaction.requiringNew().run(() -> markPublished(acknowledged));
    }
    return acknowledged.size();
  }

  private static void markPublished(List<long[]> acknowledged) {
    Instant now = Instant.now();
    for (long[] ack : acknowledged) {
      OutboxBatch batch = OutboxBatch.findById(ack[0]);
      batch.publishedAt = now;
      batch.kafkaOffset = ack[1];
    }
  }

  private Optional<RecordMetadata> await(Future<RecordMetadata> send, OutboxBatch batch) {
    try {
      return Optional.of(send.get(60, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      Log.warnf(
          "batch of sequences %d..%d not acknowledged (%s); it stays queued and is retried",
          batch.firstSequence, batch.lastSequence, cause.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Creates the node's topic with the cluster's defaults unless it exists; once per process. */
  private void ensureTopic(String topic) {
    if (topicReady) {
      return;
    }
    try (Admin admin = clients.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(15, TimeUnit.SECONDS);
      topicReady = true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        topicReady = true;
      } else {
        Log.warnf("could not create topic %s (%s); publishing anyway", topic, e.getCause().toString());
      }
    } catch (TimeoutException e) {
      Log.warnf("Kafka did not answer while creating topic %s; publishing anyway", topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
