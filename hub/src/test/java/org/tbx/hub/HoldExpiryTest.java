package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeEvent;
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

      // Eight days later by the hub's clock the rulebook's seven-day hold has passed.
      clock.advance(Duration.ofDays(8));
      LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
      NodeEvent late = away.next(new RedemptionSettled(r, holdId, 50));
      away.publish(late);
      LedgerFlowsTest.awaitQuarantined(late.getEventId(), "HOLD_EXPIRED");
      LedgerFlowsTest.awaitBalance(v, 50, 50);
    } finally {
      clock.reset();
    }
  }
}
