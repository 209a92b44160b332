package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.VolunteerConsent;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * Whose minutes a bank may move (PROTOCOL.md section 14), through the real broker and database:
 * only a bank that enrolled the volunteer, with the volunteer's own signed consent; the home bank
 * and the volunteer hear of a visiting enrollment; a disputed debit upheld comes back at the
 * debiting bank's cost.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class DebitAuthorityTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Inject TestClock clock;

  @Test
  void onlyAnEnrollingBankWithTheVolunteersConsentMayDebitAndEachRefusalHasItsReason() {
    Person wang = new Person();
    String v = wang.id;
    try (NodeTraffic guilin = new NodeTraffic("guilin");
        NodeTraffic beihai = new NodeTraffic("beihai")) {
      guilin.publish(guilin.enrolHome(wang), guilin.deposit(v, 200));
      LedgerFlowsTest.awaitBalance(v, 200, 200);

      String stranger = UUID.randomUUID().toString();
      NodeEvent strangersRedemption = beihai.redeem(wang, stranger, 45);
      NodeEvent strangersGift = beihai.gift(wang, LedgerFlowsTest.volunteer(), Relation.PARENT, 5);
      beihai.publish(strangersRedemption, strangersGift);
      declined(stranger, "NOT_ENROLLED_AT_BANK");
      LedgerFlowsTest.awaitQuarantined(strangersGift.getEventId(), "NOT_ENROLLED_AT_BANK");

      NodeEvent keyFromAVisitor = beihai.enrolVisit(wang);
      ((VolunteerEnrolled) keyFromAVisitor.getPayload())
          .setConsentPublicKey(
              ByteBuffer.wrap(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic())));
      beihai.publish(keyFromAVisitor);
      LedgerFlowsTest.awaitQuarantined(keyFromAVisitor.getEventId(), "NOT_HOME_BANK");

      beihai.publish(beihai.enrolVisit(wang));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .header(
                          "Authorization", "Bearer " + TestTokens.token(Roles.NODE, guilin.nodeId))
                      .get("/api/v1/notifications")
                      .then()
                      .statusCode(200)
                      .body("kind", hasItem("VOLUNTEER_ENROLLED_ELSEWHERE"))
                      .body("subjectId", hasItem(v)));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.VOLUNTEER, v))
          .get("/api/v1/notifications")
          .then()
          .body("kind", hasItem("VOLUNTEER_ENROLLED_ELSEWHERE"));

      String none = request(beihai, wang, 60, null);
      String expired =
          request(
              beihai,
              wang,
              60,
              wang.consent(
                  beihai.nodeId, ConsentPurpose.REDEMPTION, 60, Instant.now().minusSeconds(5)));
      String otherBank =
          request(beihai, wang, 60, wang.consent(guilin.nodeId, ConsentPurpose.REDEMPTION, 60));
      String aboveCeiling =
          request(beihai, wang, 60, wang.consent(beihai.nodeId, ConsentPurpose.REDEMPTION, 30));
      String forged =
          request(
              beihai,
              wang,
              60,
              new Person(v).consent(beihai.nodeId, ConsentPurpose.REDEMPTION, 60));
      VolunteerConsent given = wang.consent(beihai.nodeId, ConsentPurpose.REDEMPTION, 60);
      String valid = request(beihai, wang, 60, given);
      String reused = request(beihai, wang, 60, given);
      declined(none, "CONSENT_REQUIRED");
      declined(expired, "CONSENT_EXPIRED");
      declined(otherBank, "CONSENT_WRONG_BANK");
      declined(aboveCeiling, "CONSENT_ABOVE_CEILING");
      declined(forged, "CONSENT_INVALID");
      declined(reused, "CONSENT_USED");
      String holdId = LedgerFlowsTest.awaitRedemption(valid, "AUTHORIZED", "PENDING");

      NodeEvent settled = beihai.next(new RedemptionSettled(valid, holdId, 60));
      beihai.publish(settled);
      LedgerFlowsTest.awaitBalance(v, 140, 140);

      String asWang = "Bearer " + TestTokens.token(Roles.VOLUNTEER, v);
      given()
          .header("Authorization", asWang)
          .get("/api/v1/volunteers/{v}/history", v)
          .then()
          .body("items.find { it.code == 'REDEMPTION_SETTLED' }.nodeId", equalTo(beihai.nodeId));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, "nanning"))
          .contentType(ContentType.JSON)
          .body(Map.of("volunteerId", v, "eventId", settled.getEventId(), "reason", "not me"))
          .post("/api/v1/disputes")
          .then()
          .statusCode(403)
          .body("error", equalTo("FORBIDDEN"));
      String disputeId =
          given()
              .header("Authorization", asWang)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "volunteerId",
                      v,
                      "eventId",
                      settled.getEventId(),
                      "reason",
                      "I never received this care in Beihai"))
              .post("/api/v1/disputes")
              .then()
              .statusCode(201)
              .body("state", equalTo("OPEN"))
              .body("postingNodeId", equalTo(beihai.nodeId))
              .body("minutes", equalTo(60))
              .extract()
              .path("disputeId");
      given()
          .header("Authorization", asWang)
          .contentType(ContentType.JSON)
          .body(Map.of("volunteerId", v, "eventId", settled.getEventId(), "reason", "again"))
          .post("/api/v1/disputes")
          .then()
          .statusCode(409)
          .body("error", equalTo("ALREADY_DISPUTED"));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, beihai.nodeId))
          .get("/api/v1/notifications")
          .then()
          .body("kind", hasItem("DEBIT_DISPUTED"));

      given()
          .contentType(ContentType.JSON)
          .body(
              Map.of("upheld", true, "reason", "no care was delivered: the elder was in hospital"))
          .post("/api/v1/disputes/{d}/decision", disputeId)
          .then()
          .statusCode(200)
          .body("state", equalTo("UPHELD"));
      LedgerFlowsTest.awaitBalance(v, 200, 200);
      given()
          .get("/api/v1/volunteers/{v}/history", v)
          .then()
          .body(
              "items.find { it.code == 'DISPUTE_UPHELD' }.counterpartyAccount",
              equalTo("bank:" + beihai.nodeId + ":issued"));
      given()
          .get("/api/v1/settlement")
          .then()
          .body(
              "positions.find { it.nodeId == '" + beihai.nodeId + "' }.outstandingMinutes",
              equalTo(60))
          .body(
              "positions.find { it.nodeId == '" + guilin.nodeId + "' }.outstandingMinutes",
              equalTo(140));
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("upheld", false, "reason", "twice"))
          .post("/api/v1/disputes/{d}/decision", disputeId)
          .then()
          .statusCode(409)
          .body("error", equalTo("DISPUTE_NOT_OPEN"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .post("/api/v1/log/audit")
                      .then()
                      .statusCode(200)
                      .body("mismatches.size()", equalTo(0))
                      .body("checkpointRootMatches", equalTo(true)));
    }
  }

  @Test
  void oneBatchThatEnrolsAndDebitsTwiceWithOneConsentIsCheckedEventByEvent() {
    // The hub reads a batch's enrollments, keys and used consents in one go before applying it:
    // what the batch's own events change must still count for the events after them.
    Person li = new Person();
    String v = li.id;
    try (NodeTraffic home = new NodeTraffic("wuzhou");
        NodeTraffic visit = new NodeTraffic("yulin")) {
      home.publish(home.enrolHome(li), home.deposit(v, 200));
      LedgerFlowsTest.awaitBalance(v, 200, 200);
      VolunteerConsent once = li.consent(visit.nodeId, ConsentPurpose.REDEMPTION, 30);
      String first = UUID.randomUUID().toString();
      String second = UUID.randomUUID().toString();
      RedemptionRequested firstRequest = LedgerFlowsTest.request(first, v, 30);
      firstRequest.setConsent(once);
      RedemptionRequested sameConsent = LedgerFlowsTest.request(second, v, 30);
      sameConsent.setConsent(once);
      RedemptionRequested sameId = LedgerFlowsTest.request(first, v, 30);
      sameId.setConsent(li.consent(visit.nodeId, ConsentPurpose.REDEMPTION, 30));
      NodeEvent enrol = visit.enrolVisit(li);
      NodeEvent authorized = visit.next(firstRequest);
      NodeEvent declinedOne = visit.next(sameConsent);
      NodeEvent reusedId = visit.next(sameId);
      visit.publish(enrol, authorized, declinedOne, reusedId);
      LedgerFlowsTest.awaitRedemption(first, "AUTHORIZED", "PENDING");
      declined(second, "CONSENT_USED");
      LedgerFlowsTest.awaitQuarantined(reusedId.getEventId(), "INVALID_FIELD");
      LedgerFlowsTest.awaitBalance(v, 200, 170);
    }
  }

  @Test
  void aDebitMayBeDisputedOnlyWithinTheRulebooksWindow() {
    Person li = new Person();
    try (NodeTraffic home = new NodeTraffic("harbin")) {
      home.publish(home.enrolHome(li), home.deposit(li.id, 50));
      NodeEvent gift = home.gift(li, LedgerFlowsTest.volunteer(), Relation.CHILD, 20);
      home.publish(gift);
      LedgerFlowsTest.awaitBalance(li.id, 30, 30);
      clock.advance(Duration.ofDays(91));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, home.nodeId))
          .contentType(ContentType.JSON)
          .body(Map.of("volunteerId", li.id, "eventId", gift.getEventId(), "reason", "too late"))
          .post("/api/v1/disputes")
          .then()
          .statusCode(409)
          .body("error", equalTo("DISPUTE_WINDOW_CLOSED"));
    } finally {
      clock.reset();
    }
  }

  private static String request(
      NodeTraffic bank, Person person, int minutes, VolunteerConsent consent) {
    String id = UUID.randomUUID().toString();
    RedemptionRequested request = LedgerFlowsTest.request(id, person.id, minutes);
    request.setConsent(consent);
    bank.publish(bank.next(request));
    return id;
  }

  private static void declined(String redemptionId, String reason) {
    LedgerFlowsTest.awaitRedemption(redemptionId, "DECLINED", null);
    given()
        .get("/api/v1/redemptions/{r}", redemptionId)
        .then()
        .body("declineReason", equalTo(reason));
  }
}
