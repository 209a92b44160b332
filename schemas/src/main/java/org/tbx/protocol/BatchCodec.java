package org.tbx.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.Sha256;
import org.tbx.protocol.v1.SignedBatch;
import org.tbx.protocol.v1.SignedNotices;

/**
 * Seals and opens the protocol's Kafka records: a batch's single-object encoding (marker {@code C3
 * 01}, CRC-64-AVRO fingerprint, Avro binary body) is hashed for the chain and signed with Ed25519,
 * and the signed envelope is itself single-object encoded, so every record names its schema with no
 * registry.
 */
public final class BatchCodec {

  /** Largest record value accepted, in bytes. */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  /** Most items an array may declare; a batch holds far fewer events than this. */
  public static final int MAX_COLLECTION_ITEMS = 100_000;

  static {
    limitAvroAllocations();
  }

  /** The previous-batch hash of a stream's first batch. */
  public static final byte[] GENESIS_HASH = new byte[32];

  private static final BinaryMessageDecoder<SignedBatch> SIGNED_BATCH =
      SchemaStore.decoder(SignedBatch.class, SignedBatch.getClassSchema());
  private static final BinaryMessageDecoder<NodeBatch> NODE_BATCH =
      SchemaStore.decoder(NodeBatch.class, NodeBatch.getClassSchema());
  private static final BinaryMessageDecoder<NodeEvent> NODE_EVENT =
      SchemaStore.decoder(NodeEvent.class, NodeEvent.getClassSchema());
  private static final BinaryMessageDecoder<HubNotice> HUB_NOTICE =
      SchemaStore.decoder(HubNotice.class, HubNotice.getClassSchema());
  private static final BinaryMessageDecoder<SignedNotices> SIGNED_NOTICES =
      SchemaStore.decoder(SignedNotices.class, SignedNotices.getClassSchema());
  private static final BinaryMessageDecoder<NoticeBatch> NOTICE_BATCH =
      SchemaStore.decoder(NoticeBatch.class, NoticeBatch.getClassSchema());

  private static final Map<Schema, BinaryMessageEncoder<SpecificRecordBase>> ENCODERS =
      new ConcurrentHashMap<>();

  private BatchCodec() {}

  /**
   * A sealed batch, ready to publish.
   *
   * @param value the Kafka record value: an encoded {@link SignedBatch}
   * @param batchHash SHA-256 of the batch body, the next batch's {@code previousBatchHash}
   */
  public record Sealed(byte[] value, byte[] batchHash) {}

  /**
   * An opened batch whose bytes decoded; its signature and chain are not yet checked.
   *
   * @param body the signed bytes: the encoded {@link NodeBatch}
   * @param batchHash SHA-256 of {@code body}
   */
  public record Opened(SignedBatch signed, NodeBatch batch, byte[] body, byte[] batchHash) {
    /**
     * @return whether the batch carries {@code key}'s valid signature
     */
    public boolean signedBy(PublicKey key) {
      return Ed25519Keys.verify(
          Ed25519Keys.NODE_BATCH_DOMAIN, key, body, signed.getSignature().array());
    }
  }

  /**
   * An opened notice batch.
   *
   * @param body the signed bytes: the encoded {@link NoticeBatch}
   * @param batchHash SHA-256 of {@code body}
   */
  public record OpenedNotices(
      SignedNotices signed, NoticeBatch batch, byte[] body, byte[] batchHash) {
    /**
     * @return whether the notices carry {@code key}'s valid signature
     */
    public boolean signedBy(PublicKey key) {
      return Ed25519Keys.verify(
          Ed25519Keys.NOTICE_BATCH_DOMAIN, key, body, signed.getSignature().array());
    }
  }

  /**
   * Encodes, hashes and signs a bank's batch.
   *
   * @param batch consecutive events of one bank, chained to its previous batch
   * @param key the bank's private key
   * @param keyId the id of its public key, see {@link Ed25519Keys#keyId}
   */
  public static Sealed seal(NodeBatch batch, PrivateKey key, String keyId) {
    byte[] body = encode(batch);
    byte[] signature = Ed25519Keys.sign(Ed25519Keys.NODE_BATCH_DOMAIN, key, body);
    SignedBatch signed = new SignedBatch(ByteBuffer.wrap(body), keyId, ByteBuffer.wrap(signature));
    return new Sealed(encode(signed), Ed25519Keys.sha256(body));
  }

  /** Encodes, hashes and signs the hub's notices to one bank. */
  public static Sealed sealNotices(NoticeBatch batch, PrivateKey key, String keyId) {
    byte[] body = encode(batch);
    byte[] signature = Ed25519Keys.sign(Ed25519Keys.NOTICE_BATCH_DOMAIN, key, body);
    return new Sealed(
        encode(new SignedNotices(ByteBuffer.wrap(body), keyId, ByteBuffer.wrap(signature))),
        Ed25519Keys.sha256(body));
  }

  /**
   * Decodes a record value from a bank's topic.
   *
   * @throws ProtocolException {@code EMPTY_RECORD}, {@code TOO_LARGE}, {@code UNKNOWN_SCHEMA} or
   *     {@code UNDECODABLE}
   */
  public static Opened open(byte[] value) throws ProtocolException {
    SignedBatch signed = decode(SIGNED_BATCH, value, "signed batch");
    byte[] body = bytes(signed.getBody());
    NodeBatch batch = decode(NODE_BATCH, body, "batch body");
    return new Opened(signed, batch, body, Ed25519Keys.sha256(body));
  }

  /**
   * Decodes a record value from the hub's topic to a bank.
   *
   * @throws ProtocolException as {@link #open(byte[])}
   */
  public static OpenedNotices openNotices(byte[] value) throws ProtocolException {
    SignedNotices signed = decode(SIGNED_NOTICES, value, "signed notices");
    byte[] body = bytes(signed.getBody());
    NoticeBatch batch = decode(NOTICE_BATCH, body, "notice batch body");
    return new OpenedNotices(signed, batch, body, Ed25519Keys.sha256(body));
  }

  /**
   * @return the single-object encoding of any generated record; deterministic for equal records
   */
  public static byte[] encode(SpecificRecordBase record) {
    Objects.requireNonNull(record, "record");
    BinaryMessageEncoder<SpecificRecordBase> encoder =
        ENCODERS.computeIfAbsent(
            record.getSchema(),
            schema -> new BinaryMessageEncoder<>(SchemaStore.model(record.getClass()), schema));
    try {
      return bytes(encoder.encode(record));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "encoding " + record.getClass().getSimpleName() + " failed", e);
    }
  }

  /**
   * @param bytes one event as {@link #encode} wrote it
   * @throws IllegalArgumentException when the bytes are not an encoded event
   */
  public static NodeEvent decodeEvent(byte[] bytes) {
    try {
      return decode(NODE_EVENT, bytes, "event");
    } catch (ProtocolException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * @param bytes one notice as {@link #encode} wrote it
   * @throws IllegalArgumentException when the bytes are not an encoded notice
   */
  public static HubNotice decodeNotice(byte[] bytes) {
    try {
      return decode(HUB_NOTICE, bytes, "notice");
    } catch (ProtocolException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * @return a 32-byte hash as the schema's fixed type
   */
  public static Sha256 sha256(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + hash.length);
    }
    return new Sha256(hash.clone());
  }

  private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, String what)
      throws ProtocolException {
    if (bytes == null || bytes.length == 0) {
      throw new ProtocolException(ReasonCode.EMPTY_RECORD, "the " + what + " is empty");
    }
    if (bytes.length > MAX_RECORD_BYTES) {
      throw new ProtocolException(
          ReasonCode.TOO_LARGE,
          "the " + what + " has " + bytes.length + " bytes; the limit is " + MAX_RECORD_BYTES);
    }
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      T datum = decoder.decode(in, null);
      if (in.available() > 0) {
        throw new ProtocolException(
            ReasonCode.UNDECODABLE,
            "the "
                + what
                + " has "
                + in.available()
                + " bytes after its datum; nothing may follow");
      }
      return datum;
    } catch (BadHeaderException e) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_SCHEMA, "the " + what + " is not Avro single-object encoding", e);
    } catch (MissingSchemaException e) {
      throw new ProtocolException(
          ReasonCode.UNKNOWN_SCHEMA,
          "the " + what + " names an unknown schema: " + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      throw new ProtocolException(
          ReasonCode.UNDECODABLE, "the " + what + " does not decode: " + e, e);
    }
  }

  /**
   * Avro allocates what a header declares (an array of 2^30 items, say) before reading it; its
   * limits are JVM-wide system properties read once. Sets them unless the operator did, and checks
   * they hold.
   */
  private static void limitAvroAllocations() {
    System.getProperties()
        .putIfAbsent(
            SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY,
            Integer.toString(MAX_COLLECTION_ITEMS));
    System.getProperties()
        .putIfAbsent(
            SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, Integer.toString(MAX_RECORD_BYTES));
    System.getProperties()
        .putIfAbsent(
            SystemLimitException.MAX_STRING_LENGTH_PROPERTY, Integer.toString(MAX_RECORD_BYTES));
    try {
      SystemLimitException.checkMaxCollectionLength(Integer.MAX_VALUE - 16L);
      System.getLogger(BatchCodec.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "Avro's allocation limits were fixed before the protocol codec loaded; set -D"
                  + SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY
                  + "="
                  + MAX_COLLECTION_ITEMS);
    } catch (SystemLimitException expected) {
      // the limit holds
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
