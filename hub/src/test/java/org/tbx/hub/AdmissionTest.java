package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.KafkaGrants;
import org.tbx.protocol.auth.KafkaLogin;
import org.tbx.protocol.auth.Roles;

/**
 * A bank joins in one step and leaves again: admitted through the hub's API, it publishes with the
 * Kafka login it was given, reads the hub's answer on its {@code .in} topic and calls the API with
 * its token; offboarded, its login, token and keys stop working while its history stays. Refused
 * admissions name what to fix and leave no login, topic or registration behind.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class AdmissionTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void anAdmittedBankWorksWithWhatItWasGivenAndStopsWorkingWhenOffboarded() throws Exception {
    Person person = new Person();
    try (NodeTraffic bank = new NodeTraffic("admit", false)) {
      JsonPath admission =
          given()
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "nodeId",
                      bank.nodeId,
                      "publicKeyHex",
                      HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(bank.keys.getPublic()))))
              .post("/api/v1/admissions")
              .then()
              .statusCode(201)
              .body("kafka.user", equalTo("node-" + bank.nodeId))
              .body("kafka.outTopic", equalTo(Topics.nodeOut(bank.nodeId)))
              .body("kafka.inTopic", equalTo(Topics.nodeIn(bank.nodeId)))
              .body("kafka.consumerGroup", equalTo("tbx-node-" + bank.nodeId))
              .body("keyId", equalTo(Ed25519Keys.keyId(bank.keys.getPublic())))
              .body("hub.noticePublicKeyHex", notNullValue())
              .body("adapterEnvironment.TBX_NODE_ID", equalTo(bank.nodeId))
              .extract()
              .jsonPath();
      String token = admission.getString("token");
      Map<String, Object> login =
          KafkaLogin.properties(
              admission.getString("kafka.user"),
              admission.getString("kafka.password"),
              admission.getString("kafka.securityProtocol"));
      String bootstrap = admission.getString("kafka.bootstrapServers");

      try (KafkaProducer<String, byte[]> producer = producer(bootstrap, login)) {
        producer
            .send(
                new ProducerRecord<>(
                    bank.topic(),
                    bank.nodeId,
                    bank.batch(bank.enrolHome(person), bank.deposit(person.id, 45))))
            .get();
      }
      LedgerFlowsTest.awaitBalance(person.id, 45, 45);
      try (KafkaConsumer<byte[], byte[]> consumer =
          consumer(bootstrap, login, "tbx-node-" + bank.nodeId)) {
        consumer.subscribe(List.of(Topics.nodeIn(bank.nodeId)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        int notices = 0;
        while (notices == 0 && System.nanoTime() < deadline) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          notices += records.count();
        }
        assertTrue(notices > 0, "the bank reads the hub's notices with its own login");
      }
      given()
          .header("Authorization", "Bearer " + token)
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .statusCode(200)
          .body("lastSequence", equalTo(2));

      given()
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "the scheme merged into its neighbour"))
          .post("/api/v1/admissions/{n}/offboarding", bank.nodeId)
          .then()
          .statusCode(200)
          .body("kafkaLoginRemoved", equalTo(true))
          .body("tokenRevoked", equalTo(true));
      given()
          .header("Authorization", "Bearer " + token)
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .statusCode(401)
          .body("message", containsString("revoked"));
      try (Admin admin = Admin.create(TbxTestResource.clientConfig(Map.of()))) {
        assertFalse(KafkaGrants.loginExists(admin, "node-" + bank.nodeId));
      }
      try (KafkaProducer<String, byte[]> producer = producer(bootstrap, login)) {
        assertThrows(
            ExecutionException.class,
            () ->
                producer
                    .send(
                        new ProducerRecord<>(
                            bank.topic(), bank.nodeId, bank.batch(bank.deposit(person.id, 5))))
                    .get(),
            "an offboarded bank's login no longer opens the broker");
      }
      given()
          .get("/api/v1/nodes/{n}/keys", bank.nodeId)
          .then()
          .body("revokedAt", everyItem(notNullValue()))
          .body("revocationReason", hasItem(containsString("offboarded")));
      LedgerFlowsTest.awaitBalance(person.id, 45, 45);
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "again"))
          .post("/api/v1/admissions/{n}/offboarding", bank.nodeId)
          .then()
          .statusCode(409)
          .body("error", equalTo("NODE_OFFBOARDED"));
    }
  }

  @Test
  void refusedAdmissionsSayWhatToFixAndLeaveNothingBehind() throws Exception {
    String id = "refused-" + UUID.randomUUID().toString().substring(0, 8);
    refused(Map.of("nodeId", "Wu Zhou"), 400, "nodeId");
    refused(Map.of("nodeId", "hub"), 400, "nodeId");
    refused(Map.of("nodeId", id, "publicKeyHex", "zz"), 400, "publicKeyHex");
    try (Admin admin = Admin.create(TbxTestResource.clientConfig(Map.of()))) {
      assertFalse(KafkaGrants.loginExists(admin, "node-" + id));
      assertEquals(
          List.of(Topics.nodeOut(id), Topics.nodeIn(id)),
          KafkaGrants.missingTopics(admin, List.of(Topics.nodeOut(id), Topics.nodeIn(id))));
    }
    given().get("/api/v1/nodes/{n}/keys", id).then().statusCode(404);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("nodeId", id))
        .post("/api/v1/admissions")
        .then()
        .statusCode(201)
        .body("keyId", equalTo(null));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("nodeId", id))
        .post("/api/v1/admissions")
        .then()
        .statusCode(409)
        .body("error", equalTo("NODE_EXISTS"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "never joined"))
        .post("/api/v1/admissions/{n}/offboarding", "nobody-" + id)
        .then()
        .statusCode(404);
  }

  private static void refused(Map<String, Object> body, int status, String field) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admissions")
        .then()
        .statusCode(status)
        .body("error", equalTo("INVALID_FIELD"))
        .body("fields.field", hasItem(field));
  }

  private static KafkaProducer<String, byte[]> producer(
      String bootstrap, Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrap, Map<String, Object> login, String group) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
