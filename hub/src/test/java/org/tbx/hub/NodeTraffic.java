package org.tbx.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v0.EventBatch;
import org.tbx.protocol.v0.EventEnvelope;
import org.tbx.protocol.v0.ServiceRecorded;

/** A bank's worth of traffic for hub tests: builds events and publishes batches to the real broker. */
final class NodeTraffic implements AutoCloseable {

  final String nodeId;
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong sequence = new AtomicLong();

  NodeTraffic(String prefix) {
    this.nodeId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  String topic() {
    return Topics.nodeOut(nodeId);
  }

  EventEnvelope deposit(String volunteerId, int minutes) {
    return deposit(UUID.randomUUID().toString(), volunteerId, minutes);
  }

  EventEnvelope deposit(String eventId, String volunteerId, int minutes) {
    Instant now = Instant.now();
    return EventEnvelope.newBuilder()
        .setEventId(eventId)
        .setNodeId(nodeId)
        .setSequence(sequence.incrementAndGet())
        .setOccurredAt(now)
        .setRecordedAt(now)
        .setPayload(
            ServiceRecorded.newBuilder()
                .setVolunteerId(volunteerId)
                .setServiceCategory("MEAL_ASSIST")
                .setStartedAt(now)
                .setMinutes(minutes)
                .build())
        .build();
  }

  byte[] batch(EventEnvelope... events) {
    return BatchCodec.encode(EventBatch.newBuilder().setNodeId(nodeId).setEvents(new ArrayList<>(List.of(events))).build());
  }

  /** Publishes raw bytes and waits for the broker's acknowledgement; returns the record's offset. */
  long send(byte[] value) {
    try {
      RecordMetadata md = producer.send(new ProducerRecord<>(topic(), nodeId, value)).get();
      return md.offset();
    } catch (Exception e) {
      throw new IllegalStateException("publishing to " + topic() + " failed", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
