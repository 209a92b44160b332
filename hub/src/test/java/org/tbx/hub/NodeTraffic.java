package org.tbx.hub;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tbx.infra.TbxTestResource;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.IdentityVerification;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.VerificationMethod;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * A bank's worth of traffic for hub tests: its own key (registered at the hub), a hash-chained
 * stream of signed v1 batches, published to the real broker.
 */
final class NodeTraffic implements AutoCloseable {

  /**
   * Every service in these tests took place at this moment, so a re-sent event has exactly the same
   * payload.
   */
  static final Instant SERVED_AT = Instant.parse("2026-11-28T09:00:00Z");

  final String nodeId;
  final KeyPair keys = Ed25519Keys.generate();
  private final KafkaProducer<String, byte[]> producer;
  private long lastSequence;
  private byte[] lastHash = BatchCodec.GENESIS_HASH;

  /** A registered bank. */
  NodeTraffic(String prefix) {
    this(prefix, true);
  }

  NodeTraffic(String prefix, boolean register) {
    this.nodeId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.producer =
        new KafkaProducer<>(
            TbxTestResource.clientConfig(
                Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true)),
            new StringSerializer(),
            new ByteArraySerializer());
    if (register) {
      given()
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "publicKeyHex",
                  HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(keys.getPublic()))))
          .post("/api/v1/nodes/{id}/keys", nodeId)
          .then()
          .statusCode(201);
    }
  }

  String topic() {
    return Topics.nodeOut(nodeId);
  }

  NodeEvent deposit(String volunteerId, int minutes) {
    return deposit(UUID.randomUUID().toString(), volunteerId, minutes, minutes);
  }

  /**
   * The next event of the stream: a deposit with the given credited minutes (the rulebook credits
   * MEAL_ASSIST 1:1).
   */
  NodeEvent deposit(String eventId, String volunteerId, int actualMinutes, int creditedMinutes) {
    Instant now = SERVED_AT;
    return NodeEvent.newBuilder()
        .setEventId(eventId)
        .setNodeId(nodeId)
        .setSequence(++lastSequence)
        .setOccurredAt(now)
        .setRecordedAt(now)
        .setPayload(
            new ServiceRecorded(
                volunteerId,
                "MEAL_ASSIST",
                "elder-1",
                now,
                actualMinutes,
                creditedMinutes,
                1,
                new Evidence(
                    ConfirmationMethod.ORGANISER_RECORDED, "org-1", List.of(), null, null)))
        .build();
  }

  /** The next event of the stream, carrying any payload. */
  NodeEvent next(Object payload) {
    return NodeEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setNodeId(nodeId)
        .setSequence(++lastSequence)
        .setOccurredAt(SERVED_AT)
        .setRecordedAt(SERVED_AT)
        .setPayload(payload)
        .build();
  }

  /**
   * The next event: the bank enrols the person as their home bank, with the consent key they hold.
   */
  NodeEvent enrolHome(Person person) {
    return next(
        new VolunteerEnrolled(
            person.id,
            LocalDate.of(1980, 1, 1),
            AccountType.INDIVIDUAL,
            null,
            new IdentityVerification(VerificationMethod.ID_CARD_AND_FACE, "staff-1"),
            ByteBuffer.wrap(Ed25519Keys.rawPublicKey(person.key.getPublic()))));
  }

  /** The next event: the bank enrols a person who already has a home bank (a visit). */
  NodeEvent enrolVisit(Person person) {
    return next(
        new VolunteerEnrolled(
            person.id,
            LocalDate.of(1980, 1, 1),
            AccountType.INDIVIDUAL,
            null,
            new IdentityVerification(VerificationMethod.ID_CARD, "staff-2"),
            null));
  }

  /** The next event: a redemption of the person's minutes here, with their consent for it. */
  NodeEvent redeem(Person person, String redemptionId, int minutes) {
    RedemptionRequested request = LedgerFlowsTest.request(redemptionId, person.id, minutes);
    request.setConsent(person.consent(nodeId, ConsentPurpose.REDEMPTION, minutes));
    return next(request);
  }

  /** The next event: a gift of the person's minutes, with their consent. */
  NodeEvent gift(Person person, String recipient, Relation relation, int minutes) {
    return next(
        new HoursGifted(
            person.id,
            recipient,
            relation,
            minutes,
            person.consent(nodeId, ConsentPurpose.GIFT, minutes)));
  }

  /** The next event: a donation of the person's minutes to a pool, with their consent. */
  NodeEvent donate(Person person, String poolId, int minutes) {
    return next(
        new HoursDonated(
            person.id, poolId, minutes, person.consent(nodeId, ConsentPurpose.DONATION, minutes)));
  }

  /** Publishes the events as the next batch; returns the record's offset. */
  long publish(NodeEvent... events) {
    return send(batch(events));
  }

  /**
   * Seals the events as the stream's next batch, chained to the previous one and signed with this
   * bank's key.
   */
  byte[] batch(NodeEvent... events) {
    BatchCodec.Sealed sealed =
        BatchCodec.seal(body(events), keys.getPrivate(), Ed25519Keys.keyId(keys.getPublic()));
    lastHash = sealed.batchHash();
    return sealed.value();
  }

  /** Seals the events as the stream's next batch, chained as usual but signed with another key. */
  byte[] batchSignedWith(KeyPair other, NodeEvent... events) {
    BatchCodec.Sealed sealed =
        BatchCodec.seal(body(events), other.getPrivate(), Ed25519Keys.keyId(other.getPublic()));
    lastHash = sealed.batchHash();
    return sealed.value();
  }

  /** The batch body the next {@link #batch} call would seal, for tests that sign it otherwise. */
  NodeBatch body(NodeEvent... events) {
    return NodeBatch.newBuilder()
        .setNodeId(nodeId)
        .setFirstSequence(events[0].getSequence())
        .setPreviousBatchHash(BatchCodec.sha256(lastHash))
        .setEvents(new ArrayList<>(List.of(events)))
        .build();
  }

  /**
   * Publishes raw bytes and waits for the broker's acknowledgement; returns the record's offset.
   */
  long send(byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic(), nodeId, value)).get().offset();
    } catch (Exception e) {
      throw new IllegalStateException("publishing to " + topic() + " failed", e);
    }
  }

  /** Publishes raw bytes under another record key than the bank's id. */
  long sendWithKey(String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic(), key, value)).get().offset();
    } catch (Exception e) {
      throw new IllegalStateException("publishing to " + topic() + " failed", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
