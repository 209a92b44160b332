package org.tbx.kit.kafka;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes sealed, chained batches in stream order, one behaviour for the hub's notices and a
 * bank's events: a batch is marked published once the broker acknowledged it; one that was not
 * acknowledged stays pending and is sent again, byte for byte, on the next turn. At start and after
 * any unacknowledged send the topic's last record is read first, and every batch up to it is marked
 * published instead of being sent twice.
 */
public final class BatchPublisher {

  /** A sealed batch waiting to be published. */
  public record Sealed(long id, String topic, String key, byte[] payload) {}

  /** A batch the broker acknowledged at an offset. */
  public record Acknowledged(long id, String topic, long offset) {}

  /** A stream's last batch as read from its topic. */
  public record Tail(long lastSequence, byte[] batchHash) {}

  /** Where the sealed batches are kept. */
  public interface Store {
    /**
     * @return up to {@code limit} unpublished batches, oldest first
     */
    List<Sealed> unpublished(int limit);

    /** Marks batches published, in one transaction. */
    void published(List<Acknowledged> acknowledged);

    /**
     * The topic's last record is {@code tail}: if it is a batch sealed here, marks every batch of
     * that stream up to it published.
     *
     * @return how many were marked; -1 when the tail is not a batch sealed here
     */
    int caughtUp(String topic, Tail tail);

    /**
     * @return the last sequence and batch hash a record of this topic carries
     */
    Tail decode(byte[] recordValue) throws Exception;
  }

  private final Producer<String, byte[]> producer;
  private final KafkaSettings settings;
  private final TopicAdmin topics;
  private final Store store;
  private final int perTurn;

  /** Topics whose every record is known to be marked published here; empty at start. */
  private final Set<String> inStep = new HashSet<>();

  public BatchPublisher(
      Producer<String, byte[]> producer,
      KafkaSettings settings,
      TopicAdmin topics,
      Store store,
      int perTurn) {
    this.producer = producer;
    this.settings = settings;
    this.topics = topics;
    this.store = store;
    this.perTurn = perTurn;
  }

  /**
   * @return how many batches were published in this turn
   */
  public synchronized int publishPending() {
    List<Sealed> pending = store.unpublished(perTurn);
    if (pending.isEmpty()) {
      return 0;
    }
    Set<String> notReady = new HashSet<>();
    boolean caughtUp = false;
    for (String topic : topicsOf(pending)) {
      topics.ensure(topic);
      if (!inStep.contains(topic)) {
        Optional<Tail> tail = tail(topic);
        if (tail.isEmpty()) {
          notReady.add(topic);
          continue;
        }
        if (tail.get().lastSequence() > 0) {
          int marked = store.caughtUp(topic, tail.get());
          if (marked > 0) {
            caughtUp = true;
            Log.infof(
                "%d sealed batches up to sequence %d were already in %s; marked published, not sent again",
                marked, tail.get().lastSequence(), topic);
          } else if (marked < 0) {
            Log.warnf(
                "the last record of %s (up to sequence %d) is not a batch sealed here: the topic holds another"
                    + " stream (a reset database?); its reader will refuse ours",
                topic, tail.get().lastSequence());
          }
        }
        inStep.add(topic);
      }
    }
    if (caughtUp) {
      pending = store.unpublished(perTurn);
    }
    Map<Sealed, Future<RecordMetadata>> sends = new LinkedHashMap<>();
    for (Sealed batch : pending) {
      if (!notReady.contains(batch.topic())) {
        sends.put(
            batch,
            producer.send(new ProducerRecord<>(batch.topic(), batch.key(), batch.payload())));
      }
    }
    if (!sends.isEmpty()) {
      // This turn waits for every acknowledgement anyway: lingering for more records (the
      // producer's linger.ms) would only delay the first notice of a quiet moment.
      producer.flush();
    }
    List<Acknowledged> acknowledged = new ArrayList<>();
    Set<String> failed = new HashSet<>();
    for (Map.Entry<Sealed, Future<RecordMetadata>> send : sends.entrySet()) {
      Sealed batch = send.getKey();
      if (failed.contains(batch.topic())) {
        continue;
      }
      Optional<RecordMetadata> ack = await(send.getValue(), batch);
      if (ack.isEmpty()) {
        failed.add(batch.topic());
        inStep.remove(batch.topic());
      } else {
        acknowledged.add(new Acknowledged(batch.id(), batch.topic(), ack.get().offset()));
      }
    }
    if (!acknowledged.isEmpty()) {
      store.published(acknowledged);
    }
    return acknowledged.size();
  }

  private static Set<String> topicsOf(List<Sealed> pending) {
    Set<String> out = new LinkedHashSet<>();
    pending.forEach(b -> out.add(b.topic()));
    return out;
  }

  private Optional<RecordMetadata> await(Future<RecordMetadata> send, Sealed batch) {
    try {
      return Optional.of(send.get(60, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      Log.warnf(
          "batch %d for %s was not acknowledged (%s); it stays queued and is retried",
          batch.id(), batch.topic(), cause.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Reads the last record of a topic: batches are published in sequence order, so every batch up to
   * its last sequence is in the topic.
   *
   * @return the tail (sequence 0 for an empty topic), or empty when the topic cannot be read now
   */
  private Optional<Tail> tail(String topic) {
    try (KafkaConsumer<byte[], byte[]> reader = settings.reader()) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Tail last = new Tail(0, null);
      Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
      for (TopicPartition partition : partitions) {
        long end = ends.get(partition);
        if (end == 0) {
          continue;
        }
        reader.assign(List.of(partition));
        reader.seek(partition, end - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Tail found = null;
        while (found == null && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
            try {
              found = store.decode(record.value());
            } catch (Exception e) {
              Log.warnf(
                  "the last record of %s does not decode (%s); treated as not ours", partition, e);
              found = new Tail(Long.MAX_VALUE, new byte[0]);
            }
          }
        }
        if (found == null) {
          Log.warnf(
              "could not read the last record of %s; publishing waits for the next turn",
              partition);
          return Optional.empty();
        }
        if (found.lastSequence() > last.lastSequence()) {
          last = found;
        }
      }
      return Optional.of(last);
    } catch (KafkaException e) {
      Log.warnf(
          "could not read the tail of %s (%s); publishing waits for the next turn",
          topic, e.toString());
      return Optional.empty();
    }
  }
}
