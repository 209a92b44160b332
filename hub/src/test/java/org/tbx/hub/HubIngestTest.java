package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ingest.NodeStreamConsumer;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeEvent;

@QuarkusTest
@WithTestResource(TbxTestResource.class)
class HubIngestTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject DataSource dataSource;
  @Inject NodeStreamConsumer consumer;

  @Test
  void reportsTheBalanceAVolunteerEarnedAtTwoBanks() throws Exception {
    String volunteer = volunteer();
    String other = volunteer();
    try (NodeTraffic guilin = new NodeTraffic("guilin");
        NodeTraffic beihai = new NodeTraffic("beihai")) {
      guilin.send(guilin.batch(guilin.deposit(volunteer, 90), guilin.deposit(volunteer, 30)));
      beihai.send(beihai.batch(beihai.deposit(volunteer, 45)));
      beihai.send(beihai.batch(beihai.deposit(other, 60)));

      awaitBalance(volunteer, 165);
      awaitBalance(other, 60);
      given()
          .get("/api/v1/volunteers/{v}/balance", volunteer)
          .then()
          .body("creditedMinutes", equalTo(165))
          .body("debitedMinutes", equalTo(0));
      assertEquals(
          sumOf("debits_posted"),
          sumOf("credits_posted"),
          "debits equal credits across the ledger");
    }
  }

  @Test
  void redeliveringTheSameRecordsChangesNothing() throws Exception {
    String volunteer = volunteer();
    try (NodeTraffic node = new NodeTraffic("nanjing")) {
      NodeEvent first = node.deposit(volunteer, 60);
      byte[] batch = node.batch(first, node.deposit(volunteer, 15));
      node.send(batch);
      awaitBalance(volunteer, 75);

      // The producer delivers the same record twice, and a later batch repeats an applied event.
      node.send(batch);
      NodeEvent repeated = node.deposit(first.getEventId(), volunteer, 60, 60);
      long last = node.send(node.batch(repeated, node.deposit(volunteer, 5)));
      awaitBalance(volunteer, 80);
      awaitNextOffset(node.topic(), last + 1);

      // The hub loses its place and reads the whole topic again from the start.
      consumer.stop();
      execute("delete from consumed_offset where topic = '" + node.topic() + "'");
      consumer.start();
      awaitNextOffset(node.topic(), last + 1);
      given()
          .get("/api/v1/volunteers/{v}/balance", volunteer)
          .then()
          .body("balanceMinutes", equalTo(80));
      assertEquals(
          3, count("select count(*) from processed_event where node_id = '" + node.nodeId + "'"));
      assertEquals(
          0,
          count(
              "select count(*) from quarantined_record where event_id = '"
                  + first.getEventId()
                  + "'"),
          "a repeated event with the same payload is a harmless duplicate, not a rejection");
    }
  }

  @Test
  void keepsUndecodableBytesInQuarantineWithAReason() {
    try (NodeTraffic node = new NodeTraffic("wuhan")) {
      byte[] garbage = "not an avro batch".getBytes(StandardCharsets.UTF_8);
      long offset = node.send(garbage);
      awaitNextOffset(node.topic(), offset + 1);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/q/metrics")
                      .then()
                      .statusCode(200)
                      .body(
                          containsString(
                              "tbx_records_quarantined_total{reason=\"UNKNOWN_SCHEMA\"}")));
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .statusCode(200)
          .body(
              "items.findAll { it.topic == '" + node.topic() + "' }.reasonCode",
              hasItem("UNKNOWN_SCHEMA"))
          .body(
              "items.findAll { it.topic == '" + node.topic() + "' }.valueBase64",
              hasItem(Base64.getEncoder().encodeToString(garbage)));
    }
  }

  @Test
  void refusesAnAppliedEventIdThatComesBackWithADifferentPayload() {
    String volunteer = volunteer();
    try (NodeTraffic node = new NodeTraffic("hefei")) {
      NodeEvent original = node.deposit(volunteer, 30);
      node.send(node.batch(original));
      awaitBalance(volunteer, 30);
      NodeEvent altered = node.deposit(original.getEventId(), volunteer, 300, 300);
      long offset = node.send(node.batch(altered));
      awaitNextOffset(node.topic(), offset + 1);
      given()
          .get("/api/v1/volunteers/{v}/balance", volunteer)
          .then()
          .body("balanceMinutes", equalTo(30));
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.findAll { it.eventId == '" + original.getEventId() + "' }.reasonCode",
              hasItem("DUPLICATE_ID_DIFFERENT_PAYLOAD"));
    }
  }

  @Test
  void quarantinesABatchThatClaimsAnotherNode() {
    try (NodeTraffic real = new NodeTraffic("suzhou");
        NodeTraffic impostor = new NodeTraffic("fake")) {
      String volunteer = volunteer();
      long offset = impostor.send(real.batch(real.deposit(volunteer, 10)));
      awaitNextOffset(impostor.topic(), offset + 1);
      given().get("/api/v1/volunteers/{v}/balance", volunteer).then().statusCode(404);
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.findAll { it.topic == '" + impostor.topic() + "' }.reasonCode",
              hasItem("NODE_MISMATCH"));
    }
  }

  @Test
  void quarantinesBatchesOfUnregisteredBanksUnknownKeysAndBadSignatures() {
    String volunteer = volunteer();
    try (NodeTraffic stranger = new NodeTraffic("stranger", false);
        NodeTraffic node = new NodeTraffic("ruian")) {
      long strangerOffset = stranger.send(stranger.batch(stranger.deposit(volunteer, 30)));

      NodeEvent event = node.deposit(volunteer, 30);
      var otherKey = Ed25519Keys.generate();
      node.send(
          BatchCodec.seal(
                  node.body(event), otherKey.getPrivate(), Ed25519Keys.keyId(otherKey.getPublic()))
              .value());
      byte[] tampered = node.batch(event);
      tampered[tampered.length - 1] ^= 1;
      long offset = node.send(tampered);
      awaitNextOffset(node.topic(), offset + 1);
      awaitNextOffset(stranger.topic(), strangerOffset + 1);

      given().get("/api/v1/volunteers/{v}/balance", volunteer).then().statusCode(404);
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.findAll { it.topic == '" + stranger.topic() + "' }.reasonCode",
              hasItem("UNKNOWN_NODE"))
          .body(
              "items.findAll { it.topic == '" + node.topic() + "' }.reasonCode",
              hasItem("UNKNOWN_KEY"))
          .body(
              "items.findAll { it.topic == '" + node.topic() + "' }.reasonCode",
              hasItem("BAD_SIGNATURE"));
    }
  }

  @Test
  void refusesCreditedMinutesTheRulebookDoesNotGive() {
    String volunteer = volunteer();
    try (NodeTraffic node = new NodeTraffic("changsha")) {
      NodeEvent inflated = node.deposit(UUID.randomUUID().toString(), volunteer, 60, 600);
      long offset = node.send(node.batch(inflated, node.deposit(volunteer, 20)));
      awaitBalance(volunteer, 20);
      awaitNextOffset(node.topic(), offset + 1);
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.findAll { it.eventId == '" + inflated.getEventId() + "' }.reasonCode",
              hasItem("CREDITED_MINUTES_MISMATCH"));
    }
  }

  @Test
  void registersABankKeyOnceAndRefusesMalformedKeys() {
    String nodeId = "reg-" + UUID.randomUUID().toString().substring(0, 8);
    String key =
        HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic()));
    given()
        .contentType("application/json")
        .body("{\"publicKeyHex\":\"" + key + "\"}")
        .post("/api/v1/nodes/{id}/keys", nodeId)
        .then()
        .statusCode(201)
        .body("keyId", Matchers.matchesPattern("[0-9a-f]{16}"));
    given()
        .contentType("application/json")
        .body("{\"publicKeyHex\":\"" + key + "\"}")
        .post("/api/v1/nodes/{id}/keys", nodeId)
        .then()
        .statusCode(200);
    given()
        .get("/api/v1/nodes/{id}/keys", nodeId)
        .then()
        .statusCode(200)
        .body("publicKeyHex", hasItem(key));
    given()
        .contentType("application/json")
        .body("{\"publicKeyHex\": ")
        .post("/api/v1/nodes/{id}/keys", nodeId)
        .then()
        .statusCode(400)
        .body("error", equalTo("MALFORMED_JSON"));
    given()
        .contentType("application/json")
        .body("{\"fundMinutes\": \"lots\"}")
        .put("/api/v1/nodes/{id}/guarantee", nodeId)
        .then()
        .statusCode(400)
        .body("message", containsString("fundMinutes"));
    given()
        .get("/api/v1/quarantine?size=0")
        .then()
        .statusCode(400)
        .body("message", containsString("size"));
    given()
        .contentType("application/json")
        .body("{\"publicKeyHex\":\"abc\"}")
        .post("/api/v1/nodes/{id}/keys", nodeId)
        .then()
        .statusCode(400)
        .body("message", containsString("publicKeyHex"));
    given()
        .contentType("application/json")
        .body("{\"publicKeyHex\":\"" + key + "\"}")
        .post("/api/v1/nodes/{id}/keys", "Bad Node")
        .then()
        .statusCode(400)
        .body("message", containsString("nodeId"));
  }

  @Test
  void answersUnknownAndMalformedVolunteerIdsWithReasons() {
    given()
        .get("/api/v1/volunteers/{v}/balance", volunteer())
        .then()
        .statusCode(404)
        .body("error", equalTo("NOT_FOUND"));
    given()
        .get("/api/v1/volunteers/{v}/balance", "bad id!")
        .then()
        .statusCode(400)
        .body("message", containsString("volunteerId must match"));
  }

  private static String volunteer() {
    return "v-" + UUID.randomUUID();
  }

  private static void awaitBalance(String volunteer, int minutes) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/volunteers/{v}/balance", volunteer)
                    .then()
                    .statusCode(200)
                    .body("balanceMinutes", equalTo(minutes)));
  }

  private void awaitNextOffset(String topic, long next) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertEquals(
                    next,
                    count(
                        "select coalesce(max(next_offset), -1) from consumed_offset where topic = '"
                            + topic
                            + "'")));
  }

  private long sumOf(String column) throws Exception {
    return count("select coalesce(sum(" + column + "), 0) from account");
  }

  private long count(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }
}
