package org.tbx.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.kafka.KafkaClients;

/**
 * The transport layer of ingestion: polls every bank's topic, hands each poll to {@link
 * IngestService} (which commits records and offsets in one transaction) and, on partition
 * assignment, resumes from the offsets stored in PostgreSQL. It never stops for good: a poll that
 * fails while the database is away is retried from the stored offsets after a pause; one that fails
 * while it answers is applied record by record, so one poison record is quarantined alone and holds
 * no other bank back; a consumer that fails is made again.
 */
@ApplicationScoped
public class NodeStreamConsumer {

  private final KafkaClients clients;
  private final IngestService ingest;
  private final ConsumedOffsets offsets;
  private final HubConfig config;
  private final MeterRegistry metrics;

  private ExecutorService executor;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile CountDownLatch stopRequested;
  private volatile CountDownLatch stopped;
  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lagByTopic = new ConcurrentHashMap<>();
  private volatile long lastProgress = System.nanoTime();
  private volatile String lastError;

  NodeStreamConsumer(
      KafkaClients clients,
      IngestService ingest,
      ConsumedOffsets offsets,
      HubConfig config,
      MeterRegistry metrics) {
    this.clients = clients;
    this.ingest = ingest;
    this.offsets = offsets;
    this.config = config;
    this.metrics = metrics;
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Starts consuming; a no-op when already running. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    stopRequested = new CountDownLatch(1);
    stopped = new CountDownLatch(1);
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "tbx-node-stream-consumer"));
    executor.execute(this::run);
  }

  /** Stops consuming after the poll in progress; what was applied stays applied. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    stopRequested.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        Log.warn("the node stream consumer did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  /**
   * @return the partitions this instance owns now
   */
  public Set<TopicPartition> assignment() {
    return Set.copyOf(assigned);
  }

  public boolean isRunning() {
    return stopped != null && stopped.getCount() > 0;
  }

  private void run() {
    try {
      while (stopRequested.getCount() > 0) {
        try {
          consume();
        } catch (WakeupException e) {
          // stop() was called while the consumer was not polling
        } catch (RuntimeException e) {
          metrics.counter("tbx.consumer.restarts").increment();
          Log.error("the node stream consumer failed; it starts again after a pause", e);
          backOff();
        }
      }
    } catch (Error e) {
      lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      Log.error(
          "the node stream consumer stopped on an error; readiness is DOWN until it starts", e);
      throw e;
    } finally {
      consumer = null;
      assigned.clear();
      stopped.countDown();
    }
  }

  private void consume() {
    try (KafkaConsumer<byte[], byte[]> c = clients.nodeStreamConsumer()) {
      consumer = c;
      c.subscribe(Pattern.compile(config.topicPattern()), new ResumeFromStoredOffsets(c));
      Log.infof(
          "consuming node topics matching %s as group %s", config.topicPattern(), config.groupId());
      while (stopRequested.getCount() > 0) {
        ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
        if (records.isEmpty()) {
          lags(c);
          if (lag() == 0) {
            lastProgress = System.nanoTime();
          }
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
          committed(ingest.apply(batch));
        } catch (RuntimeException e) {
          metrics.counter("tbx.polls.failed").increment();
          lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
          if (!ingest.databaseAnswers()) {
            Log.errorf(
                e,
                "could not commit %d records and the database does not answer; rewinding to the"
                    + " stored offsets and retrying",
                batch.size());
            if (backOff()) {
              return;
            }
            seekToStored(c, c.assignment());
          } else {
            Log.warnf(
                "a poll of %d records failed while the database answers (%s); applying them one"
                    + " by one to find the one that fails",
                batch.size(), lastError);
            if (!oneByOne(c, batch)) {
              return;
            }
          }
        }
        lags(c);
      }
    } finally {
      consumer = null;
      assigned.clear();
    }
  }

  /**
   * Applies a failed poll's records one at a time, in order: a record that keeps failing while the
   * database answers is retried alone {@code tbx.hub.poison-attempts} times, then quarantined
   * ({@code APPLY_FAILED}), so it never holds other banks back.
   *
   * @return false when a stop was requested; when the database went away meanwhile, the consumer
   *     has been rewound to the stored offsets
   */
  private boolean oneByOne(
      KafkaConsumer<byte[], byte[]> c, List<ConsumerRecord<byte[], byte[]>> batch) {
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      for (int attempt = 1; ; attempt++) {
        try {
          committed(ingest.apply(List.of(record)));
          break;
        } catch (RuntimeException e) {
          lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
          if (!ingest.databaseAnswers()) {
            if (backOff()) {
              return false;
            }
            seekToStored(c, c.assignment());
            return true;
          }
          if (attempt >= config.poisonAttempts()) {
            Log.errorf(
                e,
                "%s-%d@%d failed %d times alone while the database answers; quarantined as"
                    + " APPLY_FAILED",
                record.topic(),
                record.partition(),
                record.offset(),
                attempt);
            ingest.quarantineFailed(record, e);
            metrics.counter("tbx.records.quarantined", "reason", "APPLY_FAILED").increment();
            break;
          }
          if (backOff()) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private void committed(IngestService.Committed committed) {
    lastProgress = System.nanoTime();
    lastError = null;
    metrics.counter("tbx.events.applied").increment(committed.applied());
    committed
        .quarantined()
        .forEach(
            (reason, n) ->
                metrics.counter("tbx.records.quarantined", "reason", reason.name()).increment(n));
  }

  /** Reads each assigned partition's lag from the consumer (its own thread), for the gauges. */
  private void lags(KafkaConsumer<byte[], byte[]> c) {
    for (TopicPartition tp : c.assignment()) {
      OptionalLong lag = c.currentLag(tp);
      if (lag.isPresent()) {
        if (lagByTopic.put(tp.topic(), lag.getAsLong()) == null) {
          metrics.gauge(
              "tbx.ingest.lag",
              Tags.of("topic", tp.topic()),
              lagByTopic,
              m -> m.getOrDefault(tp.topic(), 0L));
        }
      }
    }
  }

  /**
   * @return records waiting on the bank topics this instance owns, as last seen
   */
  public long lag() {
    return lagByTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * @return nanoseconds since a poll was last committed (or polled empty), by {@link
   *     System#nanoTime}
   */
  public long sinceProgress() {
    return System.nanoTime() - lastProgress;
  }

  /**
   * @return the last failure of a poll, if the consumer has not committed since
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * @return true when a stop was requested during the pause
   */
  private boolean backOff() {
    try {
      return stopRequested.await(config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void seekToStored(
      KafkaConsumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> stored = offsets.find(partitions);
    for (TopicPartition tp : partitions) {
      Long next = stored.get(tp);
      if (next == null) {
        c.seekToBeginning(List.of(tp));
      } else {
        c.seek(tp, next);
      }
    }
  }

  /**
   * On assignment, reads the next offsets back from PostgreSQL; Kafka's committed offsets are
   * unused.
   */
  private final class ResumeFromStoredOffsets implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> c;

    ResumeFromStoredOffsets(KafkaConsumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      seekToStored(c, partitions);
      assigned.addAll(partitions);
      if (!partitions.isEmpty()) {
        Log.infof("assigned %s", partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to flush: every poll is committed to PostgreSQL before the next one.
      assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      assigned.removeAll(partitions);
    }
  }
}
