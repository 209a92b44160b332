package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RedemptionSettled;

/** A hold nobody settles or cancels is released on its own, and a late settlement is refused. */
@QuarkusTest
@TestProfile(HoldExpiryTest.ShortHolds.class)
@WithTestResource(TbxTestResource.class)
class HoldExpiryTest {

  @org.junit.jupiter.api.BeforeAll
  static void adminToken() {
    org.tbx.infra.TestAuth.as(org.tbx.protocol.auth.Roles.ADMIN, "test-operator");
  }

  /** Holds last two seconds and the sweep runs every second. */
  public static class ShortHolds implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tbx.hub.hold-expiry", "PT2S", "tbx.hub.expiry-sweep", "1s");
    }
  }

  @Test
  void anUnsettledHoldExpiresReleasesItsMinutesAndRefusesALateSettlement() {
    String v = LedgerFlowsTest.volunteer();
    try (NodeTraffic home = new NodeTraffic("kunming"); NodeTraffic away = new NodeTraffic("dali")) {
      home.publish(home.deposit(v, 50));
      LedgerFlowsTest.awaitBalance(v, 50, 50);
      String r = UUID.randomUUID().toString();
      away.publish(away.next(LedgerFlowsTest.request(r, v, 50)));
      String holdId = LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "PENDING");
      given().get("/api/v1/volunteers/{v}/balance", v).then().body("availableMinutes", equalTo(0));

      LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
      NodeEvent late = away.next(new RedemptionSettled(r, holdId, 50));
      away.publish(late);
      LedgerFlowsTest.awaitQuarantined(late.getEventId(), "HOLD_EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
    }
  }
}
