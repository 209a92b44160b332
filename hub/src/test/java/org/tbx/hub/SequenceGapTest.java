package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;

/**
 * A batch after a gap waits for the missing ones (other banks go on), or for an operator's
 * decision.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class SequenceGapTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aBatchAfterAGapIsHeldUntilTheGapIsFilledAndOtherBanksAreNotHeldUp() {
    String v = LedgerFlowsTest.volunteer();
    String other = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("fuzhou");
        NodeTraffic neighbour = new NodeTraffic("putian")) {
      byte[] first = bank.batch(bank.deposit(v, 10));
      byte[] missing = bank.batch(bank.deposit(v, 20), bank.deposit(v, 30));
      byte[] afterGap = bank.batch(bank.deposit(v, 40));
      bank.send(first);
      long heldOffset = bank.send(afterGap);
      neighbour.publish(neighbour.deposit(other, 25));

      LedgerFlowsTest.awaitBalance(other, 25, 25);
      LedgerFlowsTest.awaitBalance(v, 10, 10);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500")
                      .then()
                      .body(
                          "items.find { it.topic == '"
                              + bank.topic()
                              + "' && it.offset == "
                              + heldOffset
                              + " }.held",
                          equalTo(true))
                      .body(
                          "items.find { it.topic == '"
                              + bank.topic()
                              + "' && it.offset == "
                              + heldOffset
                              + " }.reasonCode",
                          equalTo("SEQUENCE_GAP")));

      bank.send(missing);
      LedgerFlowsTest.awaitBalance(v, 100, 100);
      given().get("/api/v1/nodes/{n}/stream", bank.nodeId).then().body("lastSequence", equalTo(4));
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.find { it.topic == '"
                  + bank.topic()
                  + "' && it.offset == "
                  + heldOffset
                  + " }.releasedAt",
              notNullValue());
    }
  }

  @Test
  void anOperatorCanGiveUpOnMissingSequencesAndALateCopyIsThenHarmless() {
    String v = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("quanzhou")) {
      byte[] first = bank.batch(bank.deposit(v, 10));
      byte[] lost = bank.batch(bank.deposit(v, 20));
      byte[] afterGap = bank.batch(bank.deposit(v, 40), bank.deposit(v, 5));
      bank.send(first);
      long heldOffset = bank.send(afterGap);
      LedgerFlowsTest.awaitBalance(v, 10, 10);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500")
                      .then()
                      .body(
                          "items.findAll { it.topic == '" + bank.topic() + "' }.offset",
                          hasItem((int) heldOffset)));

      given()
          .post("/api/v1/nodes/{n}/stream/accept-gap", bank.nodeId)
          .then()
          .statusCode(200)
          .body("appliedEvents", equalTo(2))
          .body("lastSequence", equalTo(4));
      LedgerFlowsTest.awaitBalance(v, 55, 55);
      given().post("/api/v1/nodes/{n}/stream/accept-gap", bank.nodeId).then().statusCode(404);

      long lateOffset = bank.send(lost);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/nodes/{n}/stream", bank.nodeId)
                      .then()
                      .body("lagRecords", equalTo(0)));
      given().get("/api/v1/volunteers/{v}/balance", v).then().body("balanceMinutes", equalTo(55));
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body(
              "items.findAll { it.topic == '"
                  + bank.topic()
                  + "' && it.offset == "
                  + lateOffset
                  + " }.size()",
              equalTo(0));
    }
  }
}
