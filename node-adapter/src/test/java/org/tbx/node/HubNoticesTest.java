package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.ReasonCode;

/**
 * The adapter shows the hub's answer to each record, from notices signed with the hub's key; a
 * forgery or a record that does not decode changes nothing and is parked with its reason, never
 * dropped.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class HubNoticesTest {

  @BeforeAll
  static void bankToken() {
    TestAuth.as(Roles.NODE, "adapter-test");
  }

  @ConfigProperty(name = "tbx.node.id")
  String nodeId;

  @Test
  void showsTheHubsAcceptanceAndRejectionWithItsReasonAndIgnoresForgedNotices() throws Exception {
    String accepted = record(60);
    String rejected = record(30);
    String forged = record(45);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              given()
                  .get("/api/v1/service-records/{id}", accepted)
                  .then()
                  .body("status", equalTo("PUBLISHED"));
              given()
                  .get("/api/v1/service-records/{id}", rejected)
                  .then()
                  .body("status", equalTo("PUBLISHED"));
              given()
                  .get("/api/v1/service-records/{id}", forged)
                  .then()
                  .body("status", equalTo("PUBLISHED"));
            });

    Properties hub = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/test-hub-key.properties")) {
      hub.load(in);
    }
    PrivateKey hubKey =
        Ed25519Keys.privateKey(HexFormat.of().parseHex(hub.getProperty("privateKeyPkcs8Hex")));
    PrivateKey impostor = Ed25519Keys.generate().getPrivate();
    byte[] fake =
        notices(
            impostor,
            1,
            BatchCodec.GENESIS_HASH,
            new EventRejected(eventId(forged), 3L, 0L, ReasonCode.BAD_SIGNATURE, "forged"));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            TbxTestResource.clientConfig(Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.nodeIn(nodeId), nodeId, fake)).get();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.nodeIn(nodeId), nodeId, "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    new TestHub(nodeId)
        .answer(
            new EventAccepted(eventId(accepted), 1L, null),
            new EventRejected(
                eventId(rejected),
                2L,
                0L,
                ReasonCode.CREDITED_MINUTES_MISMATCH,
                "payload.creditedMinutes differs"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              given()
                  .get("/api/v1/service-records/{id}", accepted)
                  .then()
                  .body("status", equalTo("ACCEPTED"));
              given()
                  .get("/api/v1/service-records/{id}", rejected)
                  .then()
                  .body("status", equalTo("REJECTED"))
                  .body("hubReason", equalTo("CREDITED_MINUTES_MISMATCH"));
            });
    given().get("/api/v1/service-records/{id}", forged).then().body("status", equalTo("PUBLISHED"));
    given()
        .get("/api/v1/parked-notices")
        .then()
        .statusCode(200)
        .body("reason", hasItems("BAD_SIGNATURE", "UNKNOWN_SCHEMA"))
        .body("find { it.reason == 'BAD_SIGNATURE' }.valueBase64", notNullValue());
  }

  @Test
  void aLostNoticeBatchIsFetchedFromTheHubAndOneThatDoesNotChainIsParked() throws Exception {
    String lost = record(60);
    String after = record(75);
    String stray = record(90);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String id : List.of(lost, after, stray)) {
                given()
                    .get("/api/v1/service-records/{id}", id)
                    .then()
                    .body("status", equalTo("PUBLISHED"));
              }
            });
    TestHub hub = new TestHub(nodeId);
    hub.answerLost(new EventAccepted(eventId(lost), 1L, null));
    hub.answer(new EventAccepted(eventId(after), 2L, null));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              given()
                  .get("/api/v1/service-records/{id}", lost)
                  .then()
                  .body("status", equalTo("ACCEPTED"));
              given()
                  .get("/api/v1/service-records/{id}", after)
                  .then()
                  .body("status", equalTo("ACCEPTED"));
            });

    Properties keys = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/test-hub-key.properties")) {
      keys.load(in);
    }
    byte[] unchained =
        notices(
            Ed25519Keys.privateKey(HexFormat.of().parseHex(keys.getProperty("privateKeyPkcs8Hex"))),
            TestHub.nextSequence(nodeId),
            new byte[32],
            new EventRejected(eventId(stray), 3L, 0L, ReasonCode.BAD_SIGNATURE, "out of chain"));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            TbxTestResource.clientConfig(Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.nodeIn(nodeId), nodeId, unchained)).get();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/parked-notices")
                    .then()
                    .body("reason", hasItems("NOTICE_CHAIN_BROKEN")));
    given().get("/api/v1/service-records/{id}", stray).then().body("status", equalTo("PUBLISHED"));
  }

  private static String record(int minutes) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(
            "{\"volunteerId\":\"v-notice\",\"serviceCategory\":\"MEAL_ASSIST\",\"recipientRef\":\"elder-1\","
                + "\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":"
                + minutes
                + "}")
        .post("/api/v1/service-records")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String eventId(String recordId) {
    return given().get("/api/v1/service-records/{id}", recordId).then().extract().path("eventId");
  }

  private byte[] notices(PrivateKey key, long first, byte[] previous, Object... payloads) {
    List<HubNotice> list =
        Arrays.stream(payloads)
            .map(p -> new HubNotice(UUID.randomUUID().toString(), Instant.now(), p))
            .toList();
    return BatchCodec.sealNotices(
            new NoticeBatch(nodeId, first, BatchCodec.sha256(previous), list), key, "test")
        .value();
  }
}
