package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.GrantIssued;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.PoolAllocated;
import org.tbx.protocol.v1.RaterRole;
import org.tbx.protocol.v1.RedemptionCancelled;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRated;

/**
 * Deposits at one bank spent at another, gifts, donations and corrections, through the real broker
 * and database.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class LedgerFlowsTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final LocalDate MOTHER_BORN = LocalDate.of(1948, 4, 2);

  @Inject DataSource dataSource;

  @AfterEach
  void ledgerStaysBalanced() throws Exception {
    assertEquals(sum("debits_posted"), sum("credits_posted"), "posted debits equal posted credits");
    assertEquals(
        sum("debits_pending"), sum("credits_pending"), "pending debits equal pending credits");
  }

  @Test
  void hoursEarnedInGuilinPayForCareInBeihaiWithAPartialSettlement() {
    Person wang = new Person();
    String v = wang.id;
    try (NodeTraffic guilin = new NodeTraffic("guilin");
        NodeTraffic beihai = new NodeTraffic("beihai")) {
      guilin.publish(guilin.enrolHome(wang), guilin.deposit(v, 120));
      awaitBalance(v, 120, 120);

      String r = UUID.randomUUID().toString();
      beihai.publish(beihai.enrolVisit(wang), beihai.redeem(wang, r, 90));
      String holdId = awaitRedemption(r, "AUTHORIZED", "PENDING");
      given()
          .get("/api/v1/volunteers/{v}/balance", v)
          .then()
          .body("balanceMinutes", equalTo(120))
          .body("heldMinutes", equalTo(90))
          .body("availableMinutes", equalTo(30));

      beihai.publish(beihai.next(new RedemptionSettled(r, holdId, 60)));
      awaitRedemption(r, "SETTLED", "POSTED");
      awaitBalance(v, 60, 60);
      given()
          .get("/api/v1/redemptions/{r}", r)
          .then()
          .body("usedMinutes", equalTo(60))
          .body("authorizedMinutes", equalTo(90));
      given()
          .get("/api/v1/volunteers/{v}/history", v)
          .then()
          .body("total", equalTo(2))
          .body("items.code", hasItems("SERVICE_RECORDED", "REDEMPTION_SETTLED"))
          .body("items.nodeId", hasItems(guilin.nodeId, beihai.nodeId))
          .body(
              "items.find { it.code == 'REDEMPTION_SETTLED' }.counterpartyAccount",
              equalTo("bank:" + beihai.nodeId + ":honoured"));
    }
  }

  @Test
  void aCancelledHoldReleasesEveryMinuteAndResolvesOnlyOnce() {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic a = new NodeTraffic("hangzhou");
        NodeTraffic b = new NodeTraffic("ningbo")) {
      a.publish(a.enrolHome(person), a.deposit(v, 60));
      awaitBalance(v, 60, 60);
      String r = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(person), b.redeem(person, r, 45));
      String holdId = awaitRedemption(r, "AUTHORIZED", "PENDING");
      NodeEvent cancel = b.next(new RedemptionCancelled(r, holdId, "the elder moved to hospital"));
      NodeEvent lateSettle = b.next(new RedemptionSettled(r, holdId, 45));
      b.publish(cancel, lateSettle);
      awaitRedemption(r, "CANCELLED", "VOIDED");
      awaitBalance(v, 60, 60);
      awaitQuarantined(lateSettle.getEventId(), "HOLD_ALREADY_RESOLVED");
    }
  }

  @Test
  void declinesARedemptionThatWouldOverdrawAndRefusesSettlingAboveTheHold() {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic a = new NodeTraffic("wuxi");
        NodeTraffic b = new NodeTraffic("suzhou")) {
      a.publish(a.enrolHome(person), a.deposit(v, 30));
      awaitBalance(v, 30, 30);
      String tooMuch = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(person), b.redeem(person, tooMuch, 31));
      awaitRedemption(tooMuch, "DECLINED", null);
      given()
          .get("/api/v1/redemptions/{r}", tooMuch)
          .then()
          .body("declineReason", equalTo("INSUFFICIENT_BALANCE"));

      String r = UUID.randomUUID().toString();
      b.publish(b.redeem(person, r, 30));
      String holdId = awaitRedemption(r, "AUTHORIZED", "PENDING");
      NodeEvent above = b.next(new RedemptionSettled(r, holdId, 31));
      NodeEvent foreign = a.next(new RedemptionSettled(r, holdId, 10));
      b.publish(above);
      a.publish(foreign);
      awaitQuarantined(above.getEventId(), "SETTLED_ABOVE_AUTHORIZED");
      awaitQuarantined(foreign.getEventId(), "UNKNOWN_REDEMPTION");
      given().get("/api/v1/redemptions/{r}", r).then().body("holdState", equalTo("PENDING"));
      given().get("/api/v1/volunteers/{v}/balance", v).then().body("availableMinutes", equalTo(0));
    }
  }

  @Test
  void twoBanksRacingForTheLastHoursOfOneVolunteerExactlyOneWins() {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic home = new NodeTraffic("nanjing");
        NodeTraffic east = new NodeTraffic("shanghai");
        NodeTraffic west = new NodeTraffic("chengdu")) {
      home.publish(home.enrolHome(person), home.deposit(v, 100));
      awaitBalance(v, 100, 100);
      String r1 = UUID.randomUUID().toString();
      String r2 = UUID.randomUUID().toString();
      byte[] first = east.batch(east.enrolVisit(person), east.redeem(person, r1, 80));
      byte[] second = west.batch(west.enrolVisit(person), west.redeem(person, r2, 80));
      Thread racer = new Thread(() -> east.send(first));
      racer.start();
      west.send(second);
      await().atMost(WAIT).until(() -> status(r1) != null && status(r2) != null);
      assertEquals(
          1,
          (status(r1).equals("AUTHORIZED") ? 1 : 0) + (status(r2).equals("AUTHORIZED") ? 1 : 0),
          "exactly one of " + status(r1) + " and " + status(r2) + " is authorized");
      given()
          .get("/api/v1/volunteers/{v}/balance", v)
          .then()
          .body("heldMinutes", equalTo(80))
          .body("availableMinutes", equalTo(20));
    }
  }

  @Test
  void giftsGoToAllowedRelativesAndDonationsToAPool() {
    Person person = new Person();
    String child = person.id;
    String mother = volunteer();
    String pool = "pool-" + UUID.randomUUID().toString().substring(0, 8);
    try (NodeTraffic bank = new NodeTraffic("beijing")) {
      bank.publish(bank.enrolHome(person), bank.deposit(child, 100));
      awaitBalance(child, 100, 100);
      NodeEvent gift = bank.gift(person, mother, Relation.PARENT, 40);
      NodeEvent toFriend = bank.gift(person, volunteer(), Relation.FRIEND, 10);
      NodeEvent donation = bank.donate(person, pool, 25);
      NodeEvent overdraw = bank.donate(person, pool, 36);
      bank.publish(gift, toFriend, donation, overdraw);
      awaitBalance(mother, 40, 40);
      awaitBalance(child, 35, 35);
      awaitQuarantined(toFriend.getEventId(), "RELATION_NOT_ALLOWED");
      awaitQuarantined(overdraw.getEventId(), "INSUFFICIENT_BALANCE");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertEquals(
                      25,
                      number("select credits_posted from account where id = 'pool:" + pool + "'")));
    }
  }

  @Test
  void poolsAllocateDonatedMinutesToEldersAndGrantsAddUnearnedMinutes() {
    Person person = new Person();
    String donor = person.id;
    String elder = volunteer();
    String pool = "pool-" + UUID.randomUUID().toString().substring(0, 8);
    try (NodeTraffic bank = new NodeTraffic("yangzhou")) {
      bank.publish(bank.enrolHome(person), bank.deposit(donor, 60), bank.donate(person, pool, 30));
      awaitBalance(donor, 30, 30);
      NodeEvent allocated = bank.next(new PoolAllocated(pool, elder, 20, "80+ living alone"));
      NodeEvent tooMuch = bank.next(new PoolAllocated(pool, elder, 50, "80+ living alone"));
      NodeEvent unknownPool =
          bank.next(new PoolAllocated("no-such-pool", elder, 5, "80+ living alone"));
      NodeEvent grant =
          bank.next(
              new GrantIssued(
                  UUID.randomUUID().toString(),
                  "civil-affairs",
                  elder,
                  100,
                  "minimum living allowance"));
      bank.publish(allocated, tooMuch, unknownPool, grant);
      awaitBalance(elder, 120, 120);
      awaitQuarantined(tooMuch.getEventId(), "INSUFFICIENT_BALANCE");
      awaitQuarantined(unknownPool.getEventId(), "UNKNOWN_POOL");
      given()
          .get("/api/v1/volunteers/{v}/history", elder)
          .then()
          .body(
              "items.find { it.code == 'GRANT_ISSUED' }.counterpartyAccount",
              equalTo("grant:civil-affairs"))
          .body(
              "items.find { it.code == 'POOL_ALLOCATED' }.counterpartyAccount",
              equalTo("pool:" + pool));
    }
  }

  @Test
  void aCorrectionReversesADepositOnceAndOnlyForItsOwnBank() {
    String v = volunteer();
    try (NodeTraffic bank = new NodeTraffic("guangzhou");
        NodeTraffic other = new NodeTraffic("shenzhen")) {
      NodeEvent wrong = bank.deposit(v, 90);
      bank.publish(wrong, bank.deposit(v, 30));
      awaitBalance(v, 120, 120);
      NodeEvent reversal =
          bank.next(new EntryReversed(wrong.getEventId(), "recorded for the wrong volunteer"));
      NodeEvent again = bank.next(new EntryReversed(wrong.getEventId(), "sent twice by mistake"));
      NodeEvent foreign = other.next(new EntryReversed(wrong.getEventId(), "not ours"));
      bank.publish(reversal, again);
      other.publish(foreign);
      awaitBalance(v, 30, 30);
      awaitQuarantined(again.getEventId(), "ALREADY_REVERSED");
      awaitQuarantined(foreign.getEventId(), "UNKNOWN_EVENT");
      given()
          .get("/api/v1/volunteers/{v}/history", v)
          .then()
          .body("items.code", hasItem("REVERSAL"))
          .body("items.find { it.code == 'REVERSAL' }.direction", equalTo("DEBIT"));
    }
  }

  @Test
  void aRatingOfAnAppliedServiceIsStoredAndOneOfAnUnknownServiceIsRejected() throws Exception {
    String v = volunteer();
    try (NodeTraffic bank = new NodeTraffic("liuzhou")) {
      NodeEvent service = bank.deposit(v, 60);
      NodeEvent rating =
          bank.next(new ServiceRated(service.getEventId(), RaterRole.RECIPIENT, 5, "very kind"));
      NodeEvent unknown =
          bank.next(new ServiceRated(UUID.randomUUID().toString(), RaterRole.ORGANISER, 3, null));
      bank.publish(service, rating, unknown);
      awaitQuarantined(unknown.getEventId(), "UNKNOWN_EVENT");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  number(
                          "select count(*) from service_rating where volunteer_id = '"
                              + v
                              + "' and stars = 5 and service_event_id = '"
                              + service.getEventId()
                              + "'")
                      == 1);
    }
  }

  static RedemptionRequested request(String redemptionId, String volunteerId, int minutes) {
    return new RedemptionRequested(
        redemptionId,
        volunteerId,
        "mother-of-" + volunteerId,
        Relation.PARENT,
        MOTHER_BORN,
        "MEDICAL_ESCORT",
        minutes,
        null);
  }

  static String volunteer() {
    return "v-" + UUID.randomUUID();
  }

  static void awaitBalance(String volunteer, int balance, int available) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/volunteers/{v}/balance", volunteer)
                    .then()
                    .statusCode(200)
                    .body("balanceMinutes", equalTo(balance))
                    .body("availableMinutes", equalTo(available)));
  }

  /** Waits for the redemption's decision and hold state; returns the hold id. */
  static String awaitRedemption(String redemptionId, String status, String holdState) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/redemptions/{r}", redemptionId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status))
                    .body("holdState", equalTo(holdState)));
    return given().get("/api/v1/redemptions/{r}", redemptionId).then().extract().path("holdId");
  }

  static String status(String redemptionId) {
    var response = given().get("/api/v1/redemptions/{r}", redemptionId);
    return response.statusCode() == 200 ? response.path("status") : null;
  }

  static void awaitQuarantined(String eventId, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/quarantine?size=500")
                    .then()
                    .body(
                        "items.findAll { it.eventId == '" + eventId + "' }.reasonCode",
                        hasItem(reason)));
  }

  private long sum(String column) throws Exception {
    return number("select coalesce(sum(" + column + "), 0) from account");
  }

  private long number(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }
}
