package org.tbx.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.v0.EventBatch;
import org.tbx.protocol.v0.EventEnvelope;
import org.tbx.protocol.v0.ServiceRecorded;

class BatchCodecTest {

  private static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

  static EventBatch sampleBatch() {
    EventEnvelope event =
        EventEnvelope.newBuilder()
            .setEventId("0b9c5c2e-8f7c-4a61-9d0e-3a4b5c6d7e8f")
            .setNodeId("guilin")
            .setSequence(1)
            .setOccurredAt(T)
            .setRecordedAt(T.plus(5, ChronoUnit.MINUTES))
            .setPayload(
                ServiceRecorded.newBuilder()
                    .setVolunteerId("v-001")
                    .setServiceCategory("MEAL_ASSIST")
                    .setStartedAt(T)
                    .setMinutes(90)
                    .build())
            .build();
    return EventBatch.newBuilder().setNodeId("guilin").setEvents(List.of(event)).build();
  }

  @Test
  void roundTripsABatch() throws Exception {
    EventBatch batch = sampleBatch();
    assertEquals(batch, BatchCodec.decode(BatchCodec.encode(batch)));
  }

  @Test
  void encodedBatchIsStandardAvroSingleObjectEncoding() throws Exception {
    byte[] bytes = BatchCodec.encode(sampleBatch());
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    Schema schema = EventBatch.getClassSchema();
    GenericRecord generic = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(bytes);
    assertEquals("guilin", generic.get("nodeId").toString());
  }

  @Test
  void encodingIsDeterministic() {
    EventEnvelope event = sampleBatch().getEvents().get(0);
    assertArrayEquals(BatchCodec.encode(event), BatchCodec.encode(EventEnvelope.newBuilder(event).build()));
  }

  @Test
  void rejectsEmptyOversizedForeignAndTruncatedBytesWithTheirReasons() {
    assertReason(RejectionReason.EMPTY_RECORD, new byte[0]);
    assertReason(RejectionReason.TOO_LARGE, new byte[BatchCodec.MAX_BATCH_BYTES + 1]);
    assertReason(RejectionReason.UNKNOWN_SCHEMA, "{\"json\":true}".getBytes());
    byte[] foreignFingerprint = BatchCodec.encode(sampleBatch());
    foreignFingerprint[5] ^= 0x55;
    assertReason(RejectionReason.UNKNOWN_SCHEMA, foreignFingerprint);
    byte[] full = BatchCodec.encode(sampleBatch());
    assertReason(RejectionReason.UNDECODABLE, Arrays.copyOf(full, full.length - 7));
  }

  private static void assertReason(RejectionReason expected, byte[] bytes) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> BatchCodec.decode(bytes));
    assertEquals(expected, e.reason(), e.getMessage());
  }

  @Test
  void namesTopicsAndRecognisesNodeOutTopics() {
    assertEquals("tbx.node.guilin.out", Topics.nodeOut("guilin"));
    assertEquals("tbx.node.beihai.in", Topics.nodeIn("beihai"));
    assertEquals("guilin", Topics.nodeIdOfOut("tbx.node.guilin.out").orElseThrow());
    assertEquals(true, Topics.nodeIdOfOut("tbx.node.guilin.in").isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.nodeOut("Bad Id"));
    assertEquals(true, e.getMessage().contains("node id must match"));
  }
}
