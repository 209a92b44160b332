package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;

/**
 * A bank's keys over their life, through the real broker: rotation (the new key's first batch is
 * the rotation point; the old key signs nothing after it), revocation (quarantined with KEY_REVOKED
 * and the reason), and replayed old batches changing nothing.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class KeyLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void
      aRotatedKeySignsNothingAfterTheRotationPointARevokedKeyNothingAtAllAndReplaysChangeNothing() {
    String v = "v-" + UUID.randomUUID();
    try (NodeTraffic bank = new NodeTraffic("rotating")) {
      byte[] first = bank.batch(bank.deposit(v, 60));
      bank.send(first);
      awaitBalance(v, 60);

      KeyPair next = Ed25519Keys.generate();
      String nextId = Ed25519Keys.keyId(next.getPublic());
      String oldId = Ed25519Keys.keyId(bank.keys.getPublic());
      given()
          .contentType("application/json")
          .body(
              Map.of(
                  "publicKeyHex",
                  HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(next.getPublic()))))
          .post("/api/v1/nodes/{n}/keys", bank.nodeId)
          .then()
          .statusCode(201);
      // Registered but unused, the new key retires nothing: the old one still signs sequence 2.
      bank.send(bank.batch(bank.deposit(v, 30)));
      awaitBalance(v, 90);
      bank.send(bank.batchSignedWith(next, bank.deposit(v, 20)));
      awaitBalance(v, 110);
      given()
          .get("/api/v1/nodes/{n}/keys", bank.nodeId)
          .then()
          .statusCode(200)
          .body("find { it.keyId == '" + nextId + "' }.firstUsedSequence", equalTo(3))
          .body("find { it.keyId == '" + oldId + "' }.retiredAfterSequence", equalTo(2));

      // The old key past the rotation point: quarantined, nothing credited.
      var late = bank.deposit(v, 500);
      bank.send(bank.batch(late));
      awaitQuarantined(bank.nodeId, "KEY_REVOKED", "replaced by a newer key from sequence 3");

      // A batch from before the rotation, sent again, is harmless.
      bank.send(first);
      // The revoked key's batches are quarantined with the reason the administrator gave.
      given()
          .contentType("application/json")
          .body(Map.of("reason", "laptop stolen"))
          .post("/api/v1/nodes/{n}/keys/{k}/revocation", bank.nodeId, nextId)
          .then()
          .statusCode(200)
          .body("revocationReason", equalTo("laptop stolen"));
      bank.send(bank.batchSignedWith(next, bank.deposit(v, 700)));
      awaitQuarantined(bank.nodeId, "KEY_REVOKED", "laptop stolen");
      given()
          .get("/api/v1/volunteers/{v}/balance", v)
          .then()
          .statusCode(200)
          .body("balanceMinutes", equalTo(110));
      given()
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .statusCode(200)
          .body("lastSequence", equalTo(3));
    }
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

  private static void awaitQuarantined(String nodeId, String reason, String detail) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/quarantine?nodeId={n}&size=500", nodeId)
                    .then()
                    .statusCode(200)
                    .body(
                        "items.findAll { it.reasonCode == '" + reason + "' }.detail",
                        hasItem(containsString(detail))));
  }
}
