package org.tbx.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.tbx.protocol.v0.EventBatch;
import org.tbx.protocol.v0.EventEnvelope;

/**
 * Encodes and decodes event batches as Avro single-object encoding (marker, CRC-64-AVRO fingerprint,
 * body), so every record names its schema without a registry server.
 */
public final class BatchCodec {

  /** Largest record the hub accepts. */
  public static final int MAX_BATCH_BYTES = 1 << 20;

  /**
   * Resolves generated classes through the loader that loaded them, not the thread's context loader,
   * which differs on threads a framework created.
   */
  private static final BinaryMessageDecoder<EventBatch> DECODER =
      new BinaryMessageDecoder<>(new SpecificData(EventBatch.class.getClassLoader()), EventBatch.getClassSchema());

  private static final BinaryMessageDecoder<EventEnvelope> EVENT_DECODER =
      new BinaryMessageDecoder<>(new SpecificData(EventEnvelope.class.getClassLoader()), EventEnvelope.getClassSchema());

  private BatchCodec() {}

  /**
   * @param batch a batch to publish
   * @return its single-object encoding
   */
  public static byte[] encode(EventBatch batch) {
    try {
      return toArray(EventBatch.getEncoder().encode(batch));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding an event batch failed", e);
    }
  }

  /**
   * @param event one event
   * @return its single-object encoding, the canonical bytes the hub hashes to tell duplicates from conflicts
   */
  public static byte[] encode(EventEnvelope event) {
    try {
      return toArray(EventEnvelope.getEncoder().encode(event));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding an event failed", e);
    }
  }

  /**
   * @param bytes a record value as it arrived
   * @return the decoded batch
   * @throws ProtocolException with {@link RejectionReason#EMPTY_RECORD}, {@link RejectionReason#TOO_LARGE},
   *     {@link RejectionReason#UNKNOWN_SCHEMA} or {@link RejectionReason#UNDECODABLE}
   */
  public static EventBatch decode(byte[] bytes) throws ProtocolException {
    if (bytes == null || bytes.length == 0) {
      throw new ProtocolException(RejectionReason.EMPTY_RECORD, "the record has no value");
    }
    if (bytes.length > MAX_BATCH_BYTES) {
      throw new ProtocolException(
          RejectionReason.TOO_LARGE, "the record has " + bytes.length + " bytes; the limit is " + MAX_BATCH_BYTES);
    }
    try {
      return DECODER.decode(bytes);
    } catch (BadHeaderException e) {
      throw new ProtocolException(RejectionReason.UNKNOWN_SCHEMA, "not Avro single-object encoding: " + e.getMessage(), e);
    } catch (MissingSchemaException e) {
      throw new ProtocolException(RejectionReason.UNKNOWN_SCHEMA, e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ProtocolException(RejectionReason.UNDECODABLE, "the batch does not decode: " + e, e);
    }
  }

  /**
   * @param bytes one event as {@link #encode(EventEnvelope)} wrote it
   * @return the event
   * @throws IllegalArgumentException when the bytes are not an encoded event
   */
  public static EventEnvelope decodeEvent(byte[] bytes) {
    try {
      return EVENT_DECODER.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded event: " + e.getMessage(), e);
    }
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
