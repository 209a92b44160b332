package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RaterRole;
import org.tbx.protocol.v1.ServiceRated;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.VolunteerRelocated;

/**
 * A volunteer's standing, computed by the hub from what the banks published through the real
 * broker, explained factor by factor and carried to the new home bank; and rulebook 3's
 * enrollment-before-deposit rule.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class StandingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject TestClock clock;

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void ratingsAndAReversalMoveTheScoreAsDocumentedAndTheNewHomeBankSeesItAfterARelocation() {
    Person wang = new Person(keyedId());
    String v = wang.id;
    try (NodeTraffic guilin = new NodeTraffic("guilin");
        NodeTraffic beihai = new NodeTraffic("beihai");
        NodeTraffic shenzhen = new NodeTraffic("shenzhen")) {
      NodeEvent enrol = guilin.enrolHome(wang);
      NodeEvent kept = guilin.deposit(v, 120);
      NodeEvent wrong = guilin.deposit(v, 60);
      guilin.publish(
          enrol,
          kept,
          wrong,
          guilin.next(new ServiceRated(kept.getEventId(), RaterRole.RECIPIENT, 5, "kind")),
          guilin.next(new ServiceRated(kept.getEventId(), RaterRole.ORGANISER, 2, "late")),
          guilin.next(new ServiceRated(kept.getEventId(), RaterRole.VOLUNTEER, 1, null)),
          guilin.next(new EntryReversed(wrong.getEventId(), "recorded twice")));
      LedgerFlowsTest.awaitBalance(v, 120, 120);

      // 500 + 2 full hours x 2 + one active month x 10 + no full year + ratings (5-3)x10 + (2-3)x10
      // (a volunteer's own rating counts nothing) + one reversal -30.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .header("Authorization", bearer(Roles.NODE, guilin.nodeId))
                      .get("/api/v1/volunteers/{v}/standing", v)
                      .then()
                      .statusCode(200)
                      .body("score", equalTo(494))
                      .body("rulebookVersion", equalTo(3))
                      .body("honours", equalTo(List.of()))
                      .body("factors.factor", equalTo(FACTORS))
                      .body("factors.points", equalTo(List.of(500, 4, 10, 0, 10, -30, 0, 0)))
                      .body(
                          "factors[1].input",
                          equalTo("120 minutes of credited service (2 full hours)"))
                      .body("factors[4].input", equalTo("3 ratings, 8 stars in all"))
                      .body(
                          "factors[5].input",
                          equalTo("1 service credits reversed by the bank that recorded them")));

      given()
          .header("Authorization", bearer(Roles.VOLUNTEER, v))
          .get("/api/v1/volunteers/{v}/standing", v)
          .then()
          .statusCode(200)
          .body("score", equalTo(494));
      // A bank that never served the volunteer sees the score of a keyed id as a reference, not
      // what it was computed from.
      given()
          .header("Authorization", bearer(Roles.NODE, shenzhen.nodeId))
          .get("/api/v1/volunteers/{v}/standing", v)
          .then()
          .statusCode(200)
          .body("score", equalTo(494))
          .body("factors[1].input", nullValue())
          .body("factors[1].points", equalTo(4));

      guilin.publish(guilin.next(new VolunteerRelocated(v, guilin.nodeId, beihai.nodeId)));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .header("Authorization", bearer(Roles.NODE, beihai.nodeId))
                      .get("/api/v1/volunteers/{v}/standing", v)
                      .then()
                      .statusCode(200)
                      .body("score", equalTo(494))
                      .body(
                          "factors[1].input",
                          equalTo("120 minutes of credited service (2 full hours)")));
    }
  }

  @Test
  void aHundredHoursOfServiceReachTheFirstStarOnTheDayOfTheServiceThatCompletedThem() {
    Person sun = new Person();
    try (NodeTraffic bank = new NodeTraffic("changsha")) {
      NodeEvent enrol = bank.enrolHome(sun);
      List<NodeEvent> almost =
          List.of(
              bank.deposit(sun.id, 1200),
              bank.deposit(sun.id, 1200),
              bank.deposit(sun.id, 1200),
              bank.deposit(sun.id, 1200),
              bank.deposit(sun.id, 1140));
      bank.publish(
          enrol, almost.get(0), almost.get(1), almost.get(2), almost.get(3), almost.get(4));
      LedgerFlowsTest.awaitBalance(sun.id, 5940, 5940);
      given()
          .get("/api/v1/volunteers/{v}/standing", sun.id)
          .then()
          .body("honours", equalTo(List.of()))
          .body("factors[1].points", equalTo(198));
      Instant before = Instant.now().minusSeconds(1);
      bank.publish(bank.deposit(sun.id, 60));
      LedgerFlowsTest.awaitBalance(sun.id, 6000, 6000);
      String reached =
          given()
              .get("/api/v1/volunteers/{v}/standing", sun.id)
              .then()
              .body("honours.code", equalTo(List.of("STAR_1")))
              .body("honours[0].nameZh", equalTo("一星志愿者"))
              .body("honours[0].hoursServed", equalTo(100))
              .body("factors[1].points", equalTo(200))
              .extract()
              .path("honours[0].reachedAt");
      assertTrue(Instant.parse(reached).isAfter(before), reached);
      // Honours are the hub's to compute: no endpoint takes one, so a bank that claims one is
      // refused and changes nothing.
      postAs(
              bearer(Roles.NODE, bank.nodeId),
              "/api/v1/volunteers/" + sun.id + "/standing",
              "{\"honours\":[{\"code\":\"STAR_5\"}],\"score\":1000}")
          .statusCode(404)
          .body("error", equalTo("NOT_FOUND"));
      standingAs(bearer(Roles.NODE, bank.nodeId), sun.id)
          .body("honours.code", equalTo(List.of("STAR_1")))
          .body("score", equalTo(710));
    }
  }

  @Test
  void underRulebookSixHoursAboveTheLifetimeCapCountOnlyTowardsHonoursAndAReversalTakesThemBack() {
    Instant serviceDay = Instant.parse("2028-01-03T01:00:00Z");
    clock.advance(Duration.between(Instant.now(), serviceDay.plus(Duration.ofHours(6))));
    Person zhou = new Person();
    try (NodeTraffic bank = new NodeTraffic("nanjing")) {
      List<NodeEvent> events = new java.util.ArrayList<>();
      events.add(bank.enrolHome(zhou));
      // 83 days' worth of 24 hours and one of 8: 2,000 hours, 500 of them above the 1,500-hour cap.
      for (int i = 0; i < 83; i++) {
        events.add(bank.next(service(zhou.id, serviceDay, 1440)));
      }
      NodeEvent last = bank.next(service(zhou.id, serviceDay, 480));
      events.add(last);
      bank.publish(events.toArray(NodeEvent[]::new));
      LedgerFlowsTest.awaitBalance(zhou.id, 90_000, 90_000);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  standingAs(bearer(Roles.VOLUNTEER, zhou.id), zhou.id)
                      .body("rulebookVersion", equalTo(6))
                      .body("honours.code", equalTo(HONOURS_TO_DISTINGUISHED))
                      .body("honours[5].nameZh", equalTo("杰出志愿者")));

      // The last record, wholly above the cap, posted nothing; reversing it takes its 8 hours of
      // honours back, once.
      NodeEvent reversal = bank.next(new EntryReversed(last.getEventId(), "recorded twice"));
      NodeEvent again = bank.next(new EntryReversed(last.getEventId(), "again"));
      bank.publish(reversal, again);
      LedgerFlowsTest.awaitQuarantined(again.getEventId(), "ALREADY_REVERSED");
      standingAs(bearer(Roles.VOLUNTEER, zhou.id), zhou.id)
          .body("honours.code", equalTo(HONOURS_TO_DISTINGUISHED.subList(0, 5)));
      LedgerFlowsTest.awaitBalance(zhou.id, 90_000, 90_000);
    }
  }

  private static final List<String> HONOURS_TO_DISTINGUISHED =
      List.of("STAR_1", "STAR_2", "STAR_3", "STAR_4", "STAR_5", "DISTINGUISHED");

  @Test
  void aBankThatDoesNotServeAPlainIdGetsAReasonAndAnUnknownVolunteerIsNotFound() {
    Person li = new Person();
    try (NodeTraffic home = new NodeTraffic("wuhan");
        NodeTraffic other = new NodeTraffic("xian")) {
      home.publish(home.enrolHome(li), home.deposit(li.id, 30));
      LedgerFlowsTest.awaitBalance(li.id, 30, 30);
      given()
          .header("Authorization", bearer(Roles.NODE, other.nodeId))
          .get("/api/v1/volunteers/{v}/standing", li.id)
          .then()
          .statusCode(403);
    }
    given()
        .get("/api/v1/volunteers/{v}/standing", LedgerFlowsTest.volunteer())
        .then()
        .statusCode(404);
    given().get("/api/v1/volunteers/{v}/standing", "not a volunteer id").then().statusCode(400);
  }

  @Test
  void underRulebookThreeOnlyAVolunteerTheDepositingBankEnrolledIsCredited() {
    Instant serviceDay = Instant.parse("2027-01-02T02:00:00Z");
    clock.advance(Duration.between(Instant.now(), serviceDay.plus(Duration.ofHours(6))));
    Person zhao = new Person();
    Person stranger = new Person();
    try (NodeTraffic home = new NodeTraffic("nanning");
        NodeTraffic elsewhere = new NodeTraffic("liuzhou")) {
      NodeEvent enrol = home.enrolHome(zhao);
      NodeEvent enrolled = home.next(service(zhao.id, serviceDay));
      NodeEvent notHere = elsewhere.next(service(zhao.id, serviceDay));
      NodeEvent unknown = home.next(service(stranger.id, serviceDay));
      home.publish(enrol, enrolled, unknown);
      elsewhere.publish(notHere);
      LedgerFlowsTest.awaitBalance(zhao.id, 60, 60);
      LedgerFlowsTest.awaitQuarantined(notHere.getEventId(), "NOT_ENROLLED_AT_BANK");
      LedgerFlowsTest.awaitQuarantined(unknown.getEventId(), "NOT_ENROLLED_AT_BANK");
      given().get("/api/v1/volunteers/{v}/balance", stranger.id).then().statusCode(404);
    }
  }

  @Test
  void aNoShowAndAnUpheldDisputeOfAServiceRecordTakeTheCreditBackAndCountFromRulebookFour() {
    Person chen = new Person();
    String v = chen.id;
    try (NodeTraffic bank = new NodeTraffic("guigang");
        NodeTraffic other = new NodeTraffic("yulin")) {
      NodeEvent enrol = bank.enrolHome(chen);
      NodeEvent kept = bank.deposit(v, 120);
      NodeEvent wrong = bank.deposit(v, 60);
      bank.publish(enrol, kept, wrong);
      LedgerFlowsTest.awaitBalance(v, 180, 180);
      String asBank = bearer(Roles.NODE, bank.nodeId);

      String absence =
          "{\"absenceId\":\"%s\",\"kind\":\"%s\",\"dueAt\":\"%s\",\"note\":\"did not come\"}";
      String absenceId = UUID.randomUUID().toString();
      String due = Instant.now().minus(Duration.ofDays(1)).toString();
      String report = String.format(absence, absenceId, "NO_SHOW", due);
      postAs(asBank, "/api/v1/volunteers/" + v + "/absences", report)
          .statusCode(201)
          .body("kind", equalTo("NO_SHOW"))
          .body("nodeId", equalTo(bank.nodeId));
      postAs(asBank, "/api/v1/volunteers/" + v + "/absences", report).statusCode(200);
      postAs(
              asBank,
              "/api/v1/volunteers/" + v + "/absences",
              String.format(absence, absenceId, "LATE_CANCELLATION", due))
          .statusCode(409)
          .body("error", equalTo("ABSENCE_ID_REUSED"));
      postAs(
              bearer(Roles.NODE, other.nodeId),
              "/api/v1/volunteers/" + v + "/absences",
              String.format(absence, UUID.randomUUID(), "NO_SHOW", due))
          .statusCode(403)
          .body("error", equalTo("NOT_ENROLLED_AT_BANK"));
      postAs(
              asBank,
              "/api/v1/volunteers/" + v + "/absences",
              String.format(
                  absence, UUID.randomUUID(), "NO_SHOW", Instant.now().plus(Duration.ofDays(2))))
          .statusCode(400)
          .body("fields[0].field", equalTo("dueAt"));
      // A late cancellation reported by mistake is withdrawn: it stays listed and counts nothing.
      String mistaken = UUID.randomUUID().toString();
      postAs(
              asBank,
              "/api/v1/volunteers/" + v + "/absences",
              String.format(absence, mistaken, "LATE_CANCELLATION", due))
          .statusCode(201);
      String withdrawal = "/api/v1/volunteers/" + v + "/absences/" + mistaken + "/withdrawal";
      String why = "{\"reason\":\"another volunteer's appointment\"}";
      postAs(bearer(Roles.NODE, other.nodeId), withdrawal, why).statusCode(403);
      postAs(asBank, withdrawal, why).statusCode(200).body("withdrawnAt", notNullValue());
      postAs(asBank, withdrawal, why).statusCode(409).body("error", equalTo("ALREADY_WITHDRAWN"));

      String dispute =
          "{\"volunteerId\":\""
              + v
              + "\",\"eventId\":\""
              + wrong.getEventId()
              + "\",\"reason\":\"the elder says nobody came\",\"complainant\":\"RECIPIENT\"}";
      postAs(bearer(Roles.VOLUNTEER, v), "/api/v1/disputes", dispute).statusCode(403);
      postAs(bearer(Roles.NODE, other.nodeId), "/api/v1/disputes", dispute).statusCode(403);
      String disputeId =
          postAs(asBank, "/api/v1/disputes", dispute)
              .statusCode(201)
              .body("kind", equalTo("SERVICE"))
              .body("raisedByRole", equalTo("RECIPIENT"))
              .body("postingNodeId", equalTo(bank.nodeId))
              .body("minutes", equalTo(60))
              .extract()
              .path("disputeId");
      given()
          .contentType(ContentType.JSON)
          .body("{\"upheld\":true,\"reason\":\"no check-in that day\"}")
          .post("/api/v1/disputes/{id}/decision", disputeId)
          .then()
          .statusCode(200)
          .body("state", equalTo("UPHELD"));
      LedgerFlowsTest.awaitBalance(v, 120, 120);
      postAs(asBank, "/api/v1/disputes", dispute)
          .statusCode(409)
          .body("error", equalTo("ALREADY_REVERSED"));
      given()
          .header("Authorization", bearer(Roles.VOLUNTEER, v))
          .get("/api/v1/notifications")
          .then()
          .statusCode(200)
          .body("kind", hasItems("SERVICE_DISPUTED", "SERVICE_DISPUTE_DECIDED"));

      // Rulebook 3 scores today: the taken-back hour no longer counts as served, nor as the bank's
      // own correction; no-shows and disputes cost nothing yet. 500 + 2 full hours x 2 + one
      // active month x 10.
      standingAs(bearer(Roles.VOLUNTEER, v), v)
          .body("rulebookVersion", equalTo(3))
          .body("factors.factor", equalTo(FACTORS))
          .body("factors.points", equalTo(List.of(500, 4, 10, 0, 0, 0, 0, 0)))
          .body("score", equalTo(514));

      // Once rulebook 4 is in force the same past costs -20 for the no-show and -50 for the
      // upheld dispute.
      clock.advance(Duration.between(Instant.now(), Instant.parse("2027-07-02T04:00:00Z")));
      standingAs(bearer(Roles.VOLUNTEER, v), v)
          .body("rulebookVersion", equalTo(4))
          .body("factors.points", equalTo(List.of(500, 4, 10, 0, 0, 0, -20, -50)))
          .body("score", equalTo(444))
          .body(
              "factors[6].input", equalTo("1 no-shows and 0 late cancellations reported by banks"))
          .body("factors[7].input", equalTo("1 service records found wrong on a dispute"));
      given()
          .header("Authorization", asBank)
          .get("/api/v1/volunteers/{v}/absences", v)
          .then()
          .statusCode(200)
          .body("absenceId", hasItems(absenceId, mistaken))
          .body("findAll { it.withdrawnAt != null }.absenceId", equalTo(List.of(mistaken)));
    }
  }

  private static io.restassured.response.ValidatableResponse postAs(
      String authorization, String path, String body) {
    return given()
        .header("Authorization", authorization)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  private static io.restassured.response.ValidatableResponse standingAs(
      String authorization, String volunteerId) {
    return given()
        .header("Authorization", authorization)
        .get("/api/v1/volunteers/{v}/standing", volunteerId)
        .then()
        .statusCode(200);
  }

  private static final List<String> FACTORS =
      List.of(
          "BASE",
          "HOURS_SERVED",
          "REGULARITY",
          "TENURE",
          "RATINGS",
          "REVERSALS",
          "ABSENCES",
          "SERVICE_DISPUTES");

  private static ServiceRecorded service(String volunteerId, Instant startedAt) {
    return service(volunteerId, startedAt, 60);
  }

  /** A meal assistance under the rulebook in force on the day: credited as many minutes. */
  private static ServiceRecorded service(String volunteerId, Instant startedAt, int minutes) {
    return new ServiceRecorded(
        volunteerId,
        "MEAL_ASSIST",
        "elder-9",
        startedAt,
        minutes,
        minutes,
        Rulebooks.inForceOn(LocalDate.ofInstant(startedAt, ZoneOffset.ofHours(8)))
            .orElseThrow()
            .version(),
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "org-1", List.of(), null, null));
  }

  /** A keyed-hash id, fresh per run: the same ID number under a random federation key. */
  private static String keyedId() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return VolunteerIds.derive(key, "11010519491231002X");
  }

  private static String bearer(String role, String subject) {
    return "Bearer " + TestTokens.token(role, subject);
  }
}
