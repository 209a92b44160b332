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
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.NodeBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

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

  /**
   * Whether every batch in the topic is known to be marked published here. False at start and after a send
   * that was not acknowledged (its record may still have been written), until the topic's tail was read.
   */
  private volatile boolean inStepWithTopic;

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
    if (!inStepWithTopic) {
      OptionalLong inTopic = lastSequenceInTopic(topic);
      if (inTopic.isEmpty()) {
        return 0;
      }
      int caughtUp = QuarkusTransaction.requiringNew().call(() -> OutboxBatch.update(
          "publishedAt = ?1 where publishedAt is null and lastSequence <= ?2", Instant.now(), inTopic.getAsLong()));
      if (caughtUp > 0) {
        Log.infof("%d sealed batches up to sequence %d were already in %s; marked published, not sent again", caughtUp,
            inTopic.getAsLong(), topic);
      }
      inStepWithTopic = true;
      pending = QuarkusTransaction.requiringNew().call(() -> OutboxBatch.unpublished(BATCHES_PER_TURN));
      if (pending.isEmpty()) {
        return 0;
      }
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
    for (OutboxBatch batch : pending) {
      sends.add(producer.send(new ProducerRecord<>(topic, config.id(), batch.payload)));
    }
    List<long[]> acknowledged = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      Optional<RecordMetadata> ack = await(sends.get(i), pending.get(i));
      if (ack.isEmpty()) {
        inStepWithTopic = false;
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

  /**
   * Reads the last record of the node's topic: batches are published in sequence order, so every sealed
   * batch up to its last sequence is in the topic.
   *
   * @return that sequence (0 for an empty topic), or empty when Kafka cannot be read now
   */
  private OptionalLong lastSequenceInTopic(String topic) {
    try (KafkaConsumer<String, byte[]> reader = clients.tailReader()) {
      List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      long last = 0;
      Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
      for (TopicPartition partition : partitions) {
        long end = ends.get(partition);
        if (end == 0) {
          continue;
        }
        reader.assign(List.of(partition));
        reader.seek(partition, end - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
            found = true;
            BatchCodec.Opened opened = BatchCodec.open(record.value());
            NodeBatch batch = opened.batch();
            long lastSequence = batch.getFirstSequence() + batch.getEvents().size() - 1;
            if (QuarkusTransaction.requiringNew().call(() -> OutboxBatch.sealedAs(lastSequence, opened.batchHash()))) {
              last = Math.max(last, lastSequence);
            } else {
              Log.warnf("the last record of %s (sequences %d..%d) is not a batch this adapter sealed: the topic holds "
                  + "another stream of node %s (a reset database?); the hub will refuse ours", partition,
                  batch.getFirstSequence(), lastSequence, config.id());
            }
          }
        }
        if (!found) {
          Log.warnf("could not read the last record of %s; publishing waits for the next turn", partition);
          return OptionalLong.empty();
        }
      }
      return OptionalLong.of(last);
    } catch (KafkaException | ProtocolException e) {
      Log.warnf("could not read the tail of %s (%s); publishing waits for the next turn", topic, e.toString());
      return OptionalLong.empty();
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
