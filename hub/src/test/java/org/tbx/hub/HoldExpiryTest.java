package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionSettled;

/** A hold nobody settles or cancels is released on its own, and a late settlement is refused. */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class HoldExpiryTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Inject TestClock clock;

  @Test
  void anUnsettledHoldExpiresReleasesItsMinutesAndRefusesALateSettlement() {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic home = new NodeTraffic("kunming");
        NodeTraffic away = new NodeTraffic("dali")) {
      home.publish(home.enrolHome(person), home.deposit(v, 50));
      LedgerFlowsTest.awaitBalance(v, 50, 50);
      String r = UUID.randomUUID().toString();
      away.publish(away.enrolVisit(person), away.redeem(person, r, 50));
      String holdId = LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "PENDING");
      given().get("/api/v1/volunteers/{v}/balance", v).then().body("availableMinutes", equalTo(0));
      // The volunteer sees what the held minutes are for, and where.
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.VOLUNTEER, v))
          .get("/api/v1/volunteers/{v}/holds", v)
          .then()
          .statusCode(200)
          .body("redemptionId", contains(r))
          .body("[0].nodeId", equalTo(away.nodeId))
          .body("[0].serviceCategory", equalTo("MEDICAL_ESCORT"))
          .body("[0].relation", equalTo("PARENT"))
          .body("[0].status", equalTo("AUTHORIZED"))
          .body("[0].authorizedMinutes", equalTo(50));

      // Eight days later by the hub's clock the rulebook's seven-day hold has passed.
      clock.advance(Duration.ofDays(8));
      LedgerFlowsTest.awaitRedemption(r, "EXPIRED", "EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.VOLUNTEER, v))
          .get("/api/v1/volunteers/{v}/holds", v)
          .then()
          .body("size()", equalTo(0));
      // The bank is told, so its redemption shows EXPIRED too.
      PublicKey hubKey =
          Ed25519Keys.publicKey(
              HexFormat.of()
                  .parseHex(given().get("/api/v1/hub/key").then().extract().path("publicKeyHex")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertTrue(
                      HubNoticesTest.readNotices(away.nodeId, hubKey).stream()
                          .map(HubNotice::getPayload)
                          .anyMatch(
                              p ->
                                  p instanceof RedemptionDeclined d
                                      && d.getRedemptionId().equals(r)
                                      && d.getReason() == ReasonCode.HOLD_EXPIRED)));
      NodeEvent late = away.next(new RedemptionSettled(r, holdId, 50));
      away.publish(late);
      LedgerFlowsTest.awaitQuarantined(late.getEventId(), "HOLD_EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
    } finally {
      clock.reset();
    }
  }
}
