package org.tbx.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tbx.infra.TbxTestResource;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.NoticeBatch;

/**
 * Plays the hub's side of the node's topics in adapter tests: reads what the node published, sends
 * signed notices.
 */
final class TestHub {

  private final String nodeId;

  TestHub(String nodeId) {
    this.nodeId = nodeId;
  }

  /**
   * The notice stream to a bank as the hub keeps it: every sealed batch's record value in order, in
   * files, shared by all the tests of this JVM (they share one adapter and its topics) and by
   * {@link BankSystemStub}, which Quarkus may load in another class loader.
   */
  private static List<byte[]> sent(String nodeId) {
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "tbx-test-notices-" + ProcessHandle.current().pid(),
            nodeId);
    try {
      Files.createDirectories(dir);
      try (var files = Files.list(dir)) {
        return files.sorted().map(TestHub::read).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keep(String nodeId, long sequence, byte[] value) {
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "tbx-test-notices-" + ProcessHandle.current().pid(),
            nodeId);
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(String.format("%012d.bin", sequence)), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends notices signed with the test hub key (the key the test profile trusts). */
  void answer(Object... payloads) {
    publish(seal(payloads));
  }

  /**
   * Seals notices as the next batch of the bank's stream but never puts them on Kafka, as if the
   * record were lost; the hub's API (the stub) still serves them.
   */
  void answerLost(Object... payloads) {
    seal(payloads);
  }

  /**
   * @return the bank's sealed notice batches holding notices after a sequence, as the hub's {@code
   *     GET /api/v1/nodes/{nodeId}/notices} answers
   */
  static List<Map<String, Object>> sentAfter(String nodeId, long after) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (byte[] value : sent(nodeId)) {
      NoticeBatch batch = open(value).batch();
      long first = batch.getFirstSequence();
      long last = first + batch.getNotices().size() - 1;
      if (last > after) {
        out.add(
            Map.of(
                "firstSequence", first,
                "lastSequence", last,
                "recordValueBase64", Base64.getEncoder().encodeToString(value)));
      }
    }
    return out;
  }

  /**
   * @return the sequence the bank's next notice batch starts at
   */
  static long nextSequence(String nodeId) {
    List<byte[]> sent = sent(nodeId);
    if (sent.isEmpty()) {
      return 1;
    }
    NoticeBatch last = open(sent.get(sent.size() - 1)).batch();
    return last.getFirstSequence() + last.getNotices().size();
  }

  private static BatchCodec.OpenedNotices open(byte[] value) {
    try {
      return BatchCodec.openNotices(value);
    } catch (ProtocolException e) {
      throw new IllegalStateException(e);
    }
  }

  private BatchCodec.Sealed seal(Object... payloads) {
    Properties hub = new Properties();
    try (InputStream in = TestHub.class.getResourceAsStream("/test-hub-key.properties")) {
      hub.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrivateKey key =
        Ed25519Keys.privateKey(HexFormat.of().parseHex(hub.getProperty("privateKeyPkcs8Hex")));
    List<HubNotice> list =
        Arrays.stream(payloads)
            .map(p -> new HubNotice(UUID.randomUUID().toString(), Instant.now(), p))
            .toList();
    synchronized (TestHub.class) {
      List<byte[]> sent = sent(nodeId);
      byte[] previous =
          sent.isEmpty() ? BatchCodec.GENESIS_HASH : open(sent.get(sent.size() - 1)).batchHash();
      long next = nextSequence(nodeId);
      BatchCodec.Sealed sealed =
          BatchCodec.sealNotices(
              new NoticeBatch(nodeId, next, BatchCodec.sha256(previous), list), key, "test");
      keep(nodeId, next, sealed.value());
      return sealed;
    }
  }

  private void publish(BatchCodec.Sealed sealed) {
    byte[] value = sealed.value();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            TbxTestResource.clientConfig(Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.nodeIn(nodeId), nodeId, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return every event the node published so far, by event id
   */
  Map<String, NodeEvent> published() {
    return read(new HashMap<>());
  }

  /**
   * @return the id of the key that signed the batch of each published event, by event id
   */
  Map<String, String> signingKeys() {
    Map<String, String> keys = new HashMap<>();
    read(keys);
    return keys;
  }

  private Map<String, NodeEvent> read(Map<String, String> keyIds) {
    Map<String, NodeEvent> events = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            TbxTestResource.clientConfig(Map.of()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.nodeOut(nodeId)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 20_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError(
              "could not read " + Topics.nodeOut(nodeId) + " to its end " + ends);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            BatchCodec.Opened opened = BatchCodec.open(record.value());
            opened
                .batch()
                .getEvents()
                .forEach(
                    e -> {
                      events.put(e.getEventId(), e);
                      keyIds.put(e.getEventId(), opened.signed().getKeyId());
                    });
          } catch (ProtocolException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    return events;
  }
}
