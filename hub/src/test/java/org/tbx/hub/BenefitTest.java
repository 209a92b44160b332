package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.consent.Consents;
import org.tbx.protocol.v1.ConsentPurpose;

/**
 * Benefits through the hub's API, on minutes deposited through the real broker: offered where the
 * rulebook in force allows the kind, never cash; redeemed with the volunteer's consent by the bank
 * that offers it, once.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class BenefitTest {

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
  void aBenefitIsRedeemedForHoursWithConsentAndCashIsRefusedByTheRulebook() {
    Person ma = new Person();
    String v = ma.id;
    try (NodeTraffic bank = new NodeTraffic("qinzhou");
        NodeTraffic other = new NodeTraffic("fangchenggang")) {
      bank.publish(bank.enrolHome(ma), bank.deposit(v, 120));
      LedgerFlowsTest.awaitBalance(v, 120, 120);
      String asBank = "Bearer " + TestTokens.token(Roles.NODE, bank.nodeId);
      String offer =
          "{\"benefitId\":\"%s\",\"nameZh\":\"%s\",\"nameEn\":\"%s\",\"kind\":\"%s\",\"minutes\":%d}";
      String rice = "rice-" + bank.nodeId;
      String riceOffer = String.format(offer, rice, "大米一袋", "A bag of rice", "GOODS", 60);
      post(asBank, "/api/v1/benefits", riceOffer)
          .statusCode(409)
          .body("error", equalTo("BENEFITS_NOT_ALLOWED"));

      // Rulebook 5 allows non-cash benefits from 2027-10-01, and no cash.
      Instant later = Instant.parse("2027-10-02T04:00:00Z");
      clock.advance(Duration.between(Instant.now(), later));
      post(asBank, "/api/v1/benefits", riceOffer).statusCode(201).body("minutes", equalTo(60));
      post(asBank, "/api/v1/benefits", riceOffer).statusCode(200);
      post(
              asBank,
              "/api/v1/benefits",
              String.format(offer, "cash-" + bank.nodeId, "现金", "Cash", "CASH", 60))
          .statusCode(409)
          .body("error", equalTo("CASH_CONVERSION_FORBIDDEN"));
      given()
          .get("/api/v1/benefits?nodeId={n}", bank.nodeId)
          .then()
          .statusCode(200)
          .body("benefitId", equalTo(java.util.List.of(rice)));

      String redemption = "{\"redemptionId\":\"%s\",\"volunteerId\":\"" + v + "\"%s}";
      String consent =
          ",\"consent\":"
              + Consents.json(
                  ma.consent(
                      bank.nodeId, ConsentPurpose.REDEMPTION, 60, later.plus(Duration.ofHours(1))));
      String path = "/api/v1/benefits/" + rice + "/redemptions";
      post(asBank, path, String.format(redemption, UUID.randomUUID(), ""))
          .statusCode(409)
          .body("error", equalTo("CONSENT_REQUIRED"));
      post(
              "Bearer " + TestTokens.token(Roles.NODE, other.nodeId),
              path,
              String.format(redemption, UUID.randomUUID(), consent))
          .statusCode(403)
          .body("error", equalTo("BENEFIT_NOT_OFFERED"));
      post(
              asBank,
              "/api/v1/benefits/no-such-benefit/redemptions",
              String.format(redemption, UUID.randomUUID(), consent))
          .statusCode(404)
          .body("error", equalTo("UNKNOWN_BENEFIT"));
      String once = String.format(redemption, UUID.randomUUID(), consent);
      post(asBank, path, once).statusCode(201).body("minutes", equalTo(60));
      post(asBank, path, once).statusCode(200);
      post(asBank, path, String.format(redemption, UUID.randomUUID(), consent))
          .statusCode(409)
          .body("error", equalTo("CONSENT_USED"));
      LedgerFlowsTest.awaitBalance(v, 60, 60);
      given()
          .get("/api/v1/volunteers/{v}/history", v)
          .then()
          .statusCode(200)
          .body("items.code", hasItem("BENEFIT_REDEEMED"));

      String dearer = "home-" + bank.nodeId;
      post(
              asBank,
              "/api/v1/benefits",
              String.format(
                  offer, dearer, "养老院优先入住", "Care-home priority", "CARE_HOME_PRIORITY", 90))
          .statusCode(201);
      post(
              asBank,
              "/api/v1/benefits/" + dearer + "/redemptions",
              String.format(
                  redemption,
                  UUID.randomUUID(),
                  ",\"consent\":"
                      + Consents.json(
                          ma.consent(
                              bank.nodeId,
                              ConsentPurpose.REDEMPTION,
                              90,
                              later.plus(Duration.ofHours(1))))))
          .statusCode(409)
          .body("error", equalTo("INSUFFICIENT_BALANCE"));
      LedgerFlowsTest.awaitBalance(v, 60, 60);
    }
  }

  private static ValidatableResponse post(String authorization, String path, String body) {
    return given()
        .header("Authorization", authorization)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }
}
