package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.conformance.StreamChecker;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class ServiceRecordResourceTest {

  @BeforeAll
  static void bankToken() {
    TestAuth.as(Roles.NODE, "adapter-test");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject DataSource dataSource;

  @ConfigProperty(name = "tbx.node.id")
  String nodeId;

  @Test
  void publishesARecordedServiceToTheNodeTopicAsAnAvroBatch() {
    String volunteer = "v-" + UUID.randomUUID();
    String id =
        post(body(volunteer, "MEAL_ASSIST", "2026-11-28T09:30:00Z", 90))
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/service-records/"))
            .body("status", equalTo("PENDING"))
            .extract()
            .path("id");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/service-records/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PUBLISHED")));
    String eventId =
        given().get("/api/v1/service-records/{id}", id).then().extract().path("eventId");

    NodeEvent published = publishedEvents().get(eventId);
    ServiceRecorded deposit = (ServiceRecorded) published.getPayload();
    assertEquals(nodeId, published.getNodeId());
    assertEquals(volunteer, deposit.getVolunteerId());
    assertEquals("MEAL_ASSIST", deposit.getServiceCategory());
    assertEquals(Instant.parse("2026-11-28T09:30:00Z"), deposit.getStartedAt());
    assertEquals(90, deposit.getActualMinutes());
    assertEquals(90, deposit.getCreditedMinutes());
    assertEquals(1, deposit.getRulebookVersion());
    assertEquals("elder-17", deposit.getRecipientRef());
    assertTrue(published.getSequence() >= 1);
  }

  @Test
  void numbersTheNodeStreamWithoutGaps() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(
          post(body("v-seq-" + i, "HOME_CLEANING", "2026-11-27T10:00:00Z", 30 + i))
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                ids.forEach(
                    id ->
                        given()
                            .get("/api/v1/service-records/{id}", id)
                            .then()
                            .body("status", equalTo("PUBLISHED"))));
    List<Long> sequences =
        new ArrayList<>(
            publishedEvents().values().stream().map(NodeEvent::getSequence).sorted().toList());
    for (int i = 0; i < sequences.size(); i++) {
      assertEquals(i + 1L, sequences.get(i), "sequence " + (i + 1) + " in " + sequences);
    }
  }

  @Test
  void rejectsInvalidRecordsNamingTheFieldAndWritesNothing() throws Exception {
    long records = count("service_record");
    long events = count("outbox_event");

    post("{\"serviceCategory\":\"MEAL_ASSIST\",\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":90}")
        .then()
        .statusCode(400)
        .body("error", equalTo("INVALID_FIELD"))
        .body("fields.field", hasItem("volunteerId"))
        .body("message", containsString("volunteerId must not be null"));
    post(body("v-1", "MEAL_ASSIST", "2026-11-28T09:30:00Z", 0))
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("minutes"))
        .body("message", containsString("minutes"));
    post(body("v-1", "MEAL_ASSIST", "2026-11-28T09:30:00Z", 1441))
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("minutes"));
    post(body("v-1", "meal assist", "2026-11-28T09:30:00Z", 60))
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("serviceCategory"));
    post(body("v-1", "MEAL_ASSIST", "2999-01-01T00:00:00Z", 60))
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("startedAt"));
    post("{\"volunteerId\":\"v-1\",\"serviceCategory\":\"MEAL_ASSIST\",\"startedAt\":\"yesterday\",\"minutes\":60}")
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("startedAt"))
        .body("message", containsString("startedAt"));
    post("{\"volunteerId\":\"v-1\",\"serviceCategory\":\"MEAL_ASSIST\",\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":\"ninety\"}")
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("minutes"));
    post("{\"volunteerId\": \"v-1\",")
        .then()
        .statusCode(400)
        .body("error", equalTo("MALFORMED_JSON"));
    post("").then().statusCode(400).body("message", containsString("body"));
    post(body("v-1", "SKYDIVING", "2026-11-28T09:30:00Z", 60))
        .then()
        .statusCode(400)
        .body("error", equalTo("UNKNOWN_CATEGORY"))
        .body("fields.field", hasItem("serviceCategory"));
    post(body("v-1", "MEAL_ASSIST", "2026-11-28T09:30:00Z", 2))
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("minutes"))
        .body("message", containsString("too short"));
    post("{\"volunteerId\":\"v-1\",\"serviceCategory\":\"MEAL_ASSIST\",\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":60}")
        .then()
        .statusCode(400)
        .body("fields.field", hasItem("recipientRef"));

    assertEquals(records, count("service_record"), "no service record written");
    assertEquals(events, count("outbox_event"), "no outbox row written");
  }

  @Test
  void creditsMinutesByTheRulebookAndKeepsTheActualMinutes() {
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(body("v-bath", "BATHING_ASSIST", "2026-11-28T09:30:00Z", 90))
        .post("/api/v1/service-records")
        .then()
        .statusCode(201)
        .body("actualMinutes", equalTo(90))
        .body("creditedMinutes", equalTo(135))
        .body("rulebookVersion", equalTo(1));
  }

  @Test
  void publishesItsIdentityForRegistrationAtTheHub() {
    given()
        .get("/api/v1/node")
        .then()
        .statusCode(200)
        .body("nodeId", equalTo(nodeId))
        .body("outTopic", equalTo("tbx.node." + nodeId + ".out"))
        .body("keyId", Matchers.matchesPattern("[0-9a-f]{16}"))
        .body("publicKeyHex", Matchers.matchesPattern("[0-9a-f]{64}"));
  }

  @Test
  void answersUnknownAndMalformedIds() {
    given()
        .get("/api/v1/service-records/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("NOT_FOUND"));
    given()
        .get("/api/v1/service-records/not-a-uuid")
        .then()
        .statusCode(400)
        .body("message", containsString("UUID"));
  }

  private static Response post(String json) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(json)
        .post("/api/v1/service-records");
  }

  private static String body(String volunteer, String category, String startedAt, int minutes) {
    return String.format(
        "{\"volunteerId\":\"%s\",\"serviceCategory\":\"%s\",\"recipientRef\":\"elder-17\","
            + "\"startedAt\":\"%s\",\"minutes\":%d}",
        volunteer, category, startedAt, minutes);
  }

  /**
   * Reads the whole node topic with a fresh consumer group and checks it as the hub would: every
   * record decodes, is signed by the key the node publishes, and continues the hash chain without a
   * gap.
   */
  private Map<String, NodeEvent> publishedEvents() {
    Map<String, NodeEvent> events = new HashMap<>();
    // Every key the node ever signed with: another test may have rotated it.
    List<Map<String, Object>> keys = given().get("/api/v1/node/keys").then().extract().path("$");
    Map<String, PublicKey> known = new HashMap<>();
    keys.forEach(
        k ->
            known.put(
                (String) k.get("keyId"),
                Ed25519Keys.publicKey(HexFormat.of().parseHex((String) k.get("publicKeyHex")))));
    StreamChecker checker = new StreamChecker(nodeId, known);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            TbxTestResource.clientConfig(
                Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest")),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.nodeOut(nodeId)));
      long deadline = System.currentTimeMillis() + 10_000;
      int emptyPolls = 0;
      while (System.currentTimeMillis() < deadline && (events.isEmpty() || emptyPolls < 2)) {
        var records = consumer.poll(Duration.ofMillis(500));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        for (ConsumerRecord<String, byte[]> record : records) {
          assertEquals(nodeId, record.key());
          StreamChecker.Result result = checker.check(record.value());
          assertEquals(
              "NEXT",
              result.verdict(),
              "record at offset " + record.offset() + ": " + result.detail());
          try {
            BatchCodec.open(record.value())
                .batch()
                .getEvents()
                .forEach(e -> events.put(e.getEventId(), e));
          } catch (ProtocolException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    return events;
  }

  private long count(String table) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
