package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.KafkaAccess;
import org.tbx.infra.KafkaCredentials;
import org.tbx.infra.SharedInfrastructure;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;

/**
 * A bank's own Kafka login on the broker with ACLs: it cannot write another bank's topic, and a
 * batch it forges on its own topic in another bank's name is quarantined by the hub. Signatures are
 * the second line.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class BankCredentialsTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void aBankCannotWriteAnotherBanksTopicAndItsForgeryOnItsOwnIsQuarantined() throws Exception {
    String v = "v-" + UUID.randomUUID();
    try (NodeTraffic honest = new NodeTraffic("honest");
        NodeTraffic victim = new NodeTraffic("victim")) {
      KafkaCredentials login =
          new KafkaAccess(SharedInfrastructure.get().kafka()).bank(honest.nodeId);
      Map<String, Object> config = new HashMap<>(login.clientProperties());
      config.put(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          SharedInfrastructure.get().kafka().bootstrapServers());
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
        byte[] inVictimsName =
            BatchCodec.seal(
                    victim.body(victim.deposit(v, 600)),
                    honest.keys.getPrivate(),
                    Ed25519Keys.keyId(honest.keys.getPublic()))
                .value();

        ExecutionException denied =
            assertThrows(
                ExecutionException.class,
                () ->
                    producer
                        .send(new ProducerRecord<>(victim.topic(), victim.nodeId, inVictimsName))
                        .get());
        assertInstanceOf(TopicAuthorizationException.class, denied.getCause());

        producer.send(new ProducerRecord<>(honest.topic(), honest.nodeId, inVictimsName)).get();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?nodeId={n}&size=500", honest.nodeId)
                      .then()
                      .statusCode(200)
                      .body("items.reasonCode", hasItem("NODE_MISMATCH")));
      given().get("/api/v1/volunteers/{v}/balance", v).then().statusCode(404);
    }
  }
}
