package org.tbx.outsider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A bank written from PROTOCOL.md and the published {@code .avsc} files alone, with Apache Avro's
 * generic API, kafka-clients and the JDK: no TBX class (ArchUnit holds it to that). It seals, signs
 * and chains its batches (section 3), signs its volunteers' consents (section 14) and reads the
 * hub's notices, checking their signature and chain.
 */
public final class OutsideBank implements AutoCloseable {

  /** What the admission document gave the bank (section 10). */
  public record Admission(
      String nodeId,
      String bootstrapServers,
      String securityProtocol,
      String saslMechanism,
      String user,
      String password,
      String outTopic,
      String inTopic,
      String consumerGroup,
      String hubNoticePublicKeyHex) {}

  private static final byte[] X509_ED25519_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final Admission admission;
  private final KeyPair keys;
  private final Schema signedBatch;
  private final Schema nodeBatch;
  private final Schema event;
  private final Map<Long, Schema> noticeWriters = new HashMap<>();
  private final Map<Long, Schema> signedNoticeWriters = new HashMap<>();
  private final Schema noticeBatch;
  private final Schema signedNotices;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final PublicKey hubKey;
  private final List<GenericRecord> notices = new ArrayList<>();
  private long nextSequence = 1;
  private byte[] previousBatchHash = new byte[32];
  private long nextNoticeSequence = 1;
  private byte[] previousNoticeHash = new byte[32];

  /**
   * @param admission what the operator handed over
   * @param keys the bank's Ed25519 key pair, whose public half was registered at admission
   * @param published the folder of the published schemas, {@code published/v1}
   */
  public OutsideBank(Admission admission, KeyPair keys, Path published)
      throws IOException, GeneralSecurityException {
    this.admission = admission;
    this.keys = keys;
    Path newest = newestRevision(published);
    signedBatch = parse(newest.resolve("SignedBatch.avsc"));
    nodeBatch = parse(newest.resolve("NodeBatch.avsc"));
    event = nodeBatch.getField("events").schema().getElementType();
    noticeBatch = parse(newest.resolve("NoticeBatch.avsc"));
    signedNotices = parse(newest.resolve("SignedNotices.avsc"));
    for (int revision = 1;
        published.resolve(Integer.toString(revision)).toFile().isDirectory();
        revision++) {
      Path dir = published.resolve(Integer.toString(revision));
      Schema notice = parse(dir.resolve("NoticeBatch.avsc"));
      noticeWriters.put(SchemaNormalization.parsingFingerprint64(notice), notice);
      Schema signed = parse(dir.resolve("SignedNotices.avsc"));
      signedNoticeWriters.put(SchemaNormalization.parsingFingerprint64(signed), signed);
    }
    hubKey = publicKey(HexFormat.of().parseHex(admission.hubNoticePublicKeyHex()));
    producer =
        new KafkaProducer<>(
            kafka(
                Map.of(
                    "acks", "all",
                    "enable.idempotence", "true",
                    "max.block.ms", "15000",
                    "delivery.timeout.ms", "30000",
                    "request.timeout.ms", "10000")),
            new StringSerializer(),
            new ByteArraySerializer());
    consumer =
        new KafkaConsumer<>(
            kafka(
                Map.of(
                    "group.id", admission.consumerGroup(),
                    "auto.offset.reset", "earliest",
                    "enable.auto.commit", "false")),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(admission.inTopic()));
  }

  // ---- events (section 4) ----

  /** A {@code VolunteerEnrolled} at this bank, registering the volunteer's consent key. */
  public GenericRecord enrolled(String volunteerId, int birthEpochDay, PublicKey consentKey) {
    GenericRecord verification =
        new GenericRecordBuilder(nested(payload("VolunteerEnrolled"), "verification"))
            .set(
                "method",
                symbol(payload("VolunteerEnrolled"), "verification", "method", "ID_CARD_AND_FACE"))
            .set("verifiedByRef", "staff-07")
            .build();
    return event(
        new GenericRecordBuilder(payload("VolunteerEnrolled"))
            .set("volunteerId", volunteerId)
            .set("birthDate", birthEpochDay)
            .set("verification", verification)
            .set("consentPublicKey", ByteBuffer.wrap(rawPublicKey(consentKey)))
            .build());
  }

  /**
   * A {@code ServiceRecorded}: credited minutes computed as section 7 says (HALF_UP to the step).
   */
  public GenericRecord serviceRecorded(
      String volunteerId,
      String category,
      int weightPermille,
      int stepMinutes,
      int rulebookVersion,
      int actualMinutes,
      long startedAt) {
    long w = (long) actualMinutes * weightPermille;
    long unit = 1000L * stepMinutes;
    long steps = w / unit + (2 * (w % unit) >= unit ? 1 : 0);
    Schema evidenceSchema = payload("ServiceRecorded").getField("evidence").schema();
    GenericRecord evidence =
        new GenericRecordBuilder(evidenceSchema)
            .set(
                "method",
                new GenericData.EnumSymbol(
                    evidenceSchema.getField("method").schema(), "APP_CHECK_IN_OUT"))
            .set("recordedBy", "app-" + admission.nodeId())
            .set("confirmedBy", List.of("r-101"))
            .set("checkInAt", startedAt)
            .set("checkOutAt", startedAt + actualMinutes * 60_000L)
            .build();
    return event(
        new GenericRecordBuilder(payload("ServiceRecorded"))
            .set("volunteerId", volunteerId)
            .set("serviceCategory", category)
            .set("recipientRef", "r-101")
            .set("startedAt", startedAt)
            .set("actualMinutes", actualMinutes)
            .set("creditedMinutes", (int) (steps * stepMinutes))
            .set("rulebookVersion", rulebookVersion)
            .set("evidence", evidence)
            .build());
  }

  /** A {@code RedemptionRequested} for the volunteer themself, carrying their signed consent. */
  public GenericRecord redemptionRequested(
      String redemptionId,
      String volunteerId,
      int birthEpochDay,
      String category,
      int minutes,
      KeyPair consentKeys)
      throws GeneralSecurityException {
    Schema payload = payload("RedemptionRequested");
    Schema consentSchema = nested(payload, "consent");
    String consentId = UUID.randomUUID().toString();
    long expiresAt = System.currentTimeMillis() + 3_600_000;
    String message =
        "consent "
            + consentId
            + "\nvolunteer "
            + volunteerId
            + "\nnode "
            + admission.nodeId()
            + "\npurpose REDEMPTION\nmax-minutes "
            + minutes
            + "\nexpires "
            + expiresAt
            + "\n";
    GenericRecord consent =
        new GenericRecordBuilder(consentSchema)
            .set("consentId", consentId)
            .set("volunteerId", volunteerId)
            .set("nodeId", admission.nodeId())
            .set(
                "purpose",
                new GenericData.EnumSymbol(
                    consentSchema.getField("purpose").schema(), "REDEMPTION"))
            .set("maxMinutes", minutes)
            .set("expiresAt", expiresAt)
            .set("keyId", keyId(consentKeys.getPublic()))
            .set(
                "signature",
                ByteBuffer.wrap(
                    sign(
                        consentKeys.getPrivate(),
                        "tbx/v1/consent",
                        message.getBytes(StandardCharsets.UTF_8))))
            .build();
    return event(
        new GenericRecordBuilder(payload)
            .set("redemptionId", redemptionId)
            .set("volunteerId", volunteerId)
            .set("beneficiaryRef", "self")
            .set(
                "relation",
                new GenericData.EnumSymbol(payload.getField("relation").schema(), "SELF"))
            .set("beneficiaryBirthDate", birthEpochDay)
            .set("serviceCategory", category)
            .set("requestedMinutes", minutes)
            .set("consent", consent)
            .build());
  }

  /** A {@code RedemptionSettled}: post the hold for the minutes used. */
  public GenericRecord redemptionSettled(String redemptionId, String holdId, int usedMinutes) {
    return event(
        new GenericRecordBuilder(payload("RedemptionSettled"))
            .set("redemptionId", redemptionId)
            .set("holdId", holdId)
            .set("usedMinutes", usedMinutes)
            .build());
  }

  private GenericRecord event(GenericRecord payload) {
    long now = System.currentTimeMillis();
    return new GenericRecordBuilder(event)
        .set("eventId", UUID.randomUUID().toString())
        .set("nodeId", admission.nodeId())
        .set("sequence", 0L)
        .set("occurredAt", now)
        .set("recordedAt", now)
        .set("payload", payload)
        .build();
  }

  // ---- batches (sections 2 and 3) ----

  /**
   * Numbers the events from the next sequence, seals them into one chained, signed batch and
   * publishes it keyed by the bank's id.
   */
  public void publish(GenericRecord... events) throws Exception {
    long first = nextSequence;
    for (GenericRecord e : events) {
      e.put("sequence", nextSequence++);
    }
    GenericRecord batch =
        new GenericRecordBuilder(nodeBatch)
            .set("nodeId", admission.nodeId())
            .set("firstSequence", first)
            .set(
                "previousBatchHash",
                new GenericData.Fixed(
                    nodeBatch.getField("previousBatchHash").schema(), previousBatchHash))
            .set("events", Arrays.asList(events))
            .build();
    byte[] body = singleObject(nodeBatch, batch);
    GenericRecord signed =
        new GenericRecordBuilder(signedBatch)
            .set("body", ByteBuffer.wrap(body))
            .set("keyId", keyId(keys.getPublic()))
            .set("signature", ByteBuffer.wrap(sign(keys.getPrivate(), "tbx/v1/node-batch", body)))
            .build();
    producer
        .send(
            new ProducerRecord<>(
                admission.outTopic(), admission.nodeId(), singleObject(signedBatch, signed)))
        .get();
    previousBatchHash = sha256(body);
  }

  /**
   * Reads the hub's notices until one matches, checking each batch's signature with the pinned hub
   * key and its place in the notice chain.
   *
   * @return the payload of the first notice that matches
   */
  public GenericRecord awaitNotice(Predicate<GenericRecord> wanted, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (GenericRecord payload : notices) {
        if (wanted.test(payload)) {
          return payload;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no such notice within " + within + "; received " + notices);
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        read(record.value());
      }
    }
  }

  /**
   * @return every notice payload read so far, oldest first
   */
  public List<GenericRecord> notices() {
    return List.copyOf(notices);
  }

  private void read(byte[] value) throws IOException, GeneralSecurityException {
    GenericRecord signed = decode(value, signedNoticeWriters, signedNotices);
    byte[] body = bytes((ByteBuffer) signed.get("body"));
    if (!verify(hubKey, "tbx/v1/notice-batch", body, bytes((ByteBuffer) signed.get("signature")))) {
      throw new GeneralSecurityException("a notice batch does not verify with the pinned hub key");
    }
    GenericRecord batch = decode(body, noticeWriters, noticeBatch);
    long first = (Long) batch.get("firstSequence");
    if (first < nextNoticeSequence) {
      return; // a replay
    }
    byte[] previous = ((GenericData.Fixed) batch.get("previousBatchHash")).bytes();
    if (first != nextNoticeSequence || !Arrays.equals(previous, previousNoticeHash)) {
      throw new IllegalStateException(
          "notice batch " + first + " does not continue the chain at " + nextNoticeSequence);
    }
    @SuppressWarnings("unchecked")
    List<GenericRecord> items = (List<GenericRecord>) batch.get("notices");
    for (GenericRecord notice : items) {
      notices.add((GenericRecord) notice.get("payload"));
    }
    nextNoticeSequence = first + items.size();
    previousNoticeHash = sha256(body);
  }

  // ---- encoding ----

  /** Avro single-object encoding: C3 01, the CRC-64-AVRO fingerprint little-endian, the datum. */
  static byte[] singleObject(Schema schema, GenericRecord datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    out.write(
        ByteBuffer.allocate(8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(SchemaNormalization.parsingFingerprint64(schema))
            .array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static GenericRecord decode(byte[] bytes, Map<Long, Schema> writers, Schema reader)
      throws IOException {
    if (bytes.length < 10 || (bytes[0] & 0xFF) != 0xC3 || bytes[1] != 0x01) {
      throw new IOException("not a single-object encoding");
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema writer = writers.get(fingerprint);
    if (writer == null) {
      throw new IOException("unpublished fingerprint " + Long.toHexString(fingerprint));
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null);
    GenericRecord datum = new GenericDatumReader<GenericRecord>(writer, reader).read(null, decoder);
    if (!decoder.isEnd()) {
      throw new IOException("bytes after the datum");
    }
    return datum;
  }

  private Schema payload(String name) {
    return event.getField("payload").schema().getTypes().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The record inside an optional field ({@code ["null", record]}). */
  private static Schema nested(Schema record, String field) {
    return record.getField(field).schema().getTypes().stream()
        .filter(s -> s.getType() == Schema.Type.RECORD)
        .findFirst()
        .orElseThrow();
  }

  private static GenericData.EnumSymbol symbol(
      Schema record, String field, String enumField, String value) {
    return new GenericData.EnumSymbol(nested(record, field).getField(enumField).schema(), value);
  }

  private static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
  }

  private static Path newestRevision(Path published) {
    int revision = 1;
    while (published.resolve(Integer.toString(revision + 1)).toFile().isDirectory()) {
      revision++;
    }
    return published.resolve(Integer.toString(revision));
  }

  // ---- keys and signatures (sections 1 and 3) ----

  /** Ed25519 over the ASCII domain tag, one zero byte, then the message. */
  static byte[] sign(PrivateKey key, String tag, byte[] message) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(tag.getBytes(StandardCharsets.US_ASCII));
    signer.update((byte) 0);
    signer.update(message);
    return signer.sign();
  }

  private static boolean verify(PublicKey key, String tag, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(tag.getBytes(StandardCharsets.US_ASCII));
    verifier.update((byte) 0);
    verifier.update(message);
    return verifier.verify(signature);
  }

  /** The raw 32-byte public key: the last 32 bytes of its X.509 encoding. */
  public static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  /** Lower-case hex of the first 8 bytes of SHA-256 over the raw public key. */
  public static String keyId(PublicKey key) throws GeneralSecurityException {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(rawPublicKey(key)), 8));
  }

  private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] encoded = Arrays.copyOf(X509_ED25519_PREFIX, X509_ED25519_PREFIX.length + 32);
    System.arraycopy(raw, 0, encoded, X509_ED25519_PREFIX.length, 32);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  private static byte[] sha256(byte[] bytes) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private Map<String, Object> kafka(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put("bootstrap.servers", admission.bootstrapServers());
    config.put("security.protocol", admission.securityProtocol());
    config.put("sasl.mechanism", admission.saslMechanism());
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + admission.user()
            + "\" password=\""
            + admission.password()
            + "\";");
    return config;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
