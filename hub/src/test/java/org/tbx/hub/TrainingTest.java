package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * Training and assessment through the hub's API, with deposits through the real broker: a pass
 * grants the certification a category needs, the home bank and the volunteer are told before it
 * expires, an expired one blocks the category again and a new pass renews it.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class TrainingTest {

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
  void aPassGrantsTheCertificationACategoryNeedsItsExpiryIsToldAheadAndBlocksTheCategoryAgain() {
    Person lin = new Person();
    String v = lin.id;
    try (NodeTraffic bank = new NodeTraffic("hezhou");
        NodeTraffic other = new NodeTraffic("wuzhou")) {
      String asBank = "Bearer " + TestTokens.token(Roles.NODE, bank.nodeId);
      String course = "legal-" + bank.nodeId;
      String courseBody =
          "{\"courseId\":\"%s\",\"nameZh\":\"法律援助培训\",\"nameEn\":\"Legal aid training\","
              + "\"category\":\"%s\",\"trainingHours\":12,\"validityMonths\":1}";
      post(asBank, "/api/v1/courses", String.format(courseBody, course, "LEGAL_AID"))
          .statusCode(201)
          .body("certification", equalTo("LEGAL_ADVISER"))
          .body("providerNodeId", equalTo(bank.nodeId));
      post(asBank, "/api/v1/courses", String.format(courseBody, course, "LEGAL_AID"))
          .statusCode(200);
      post(asBank, "/api/v1/courses", String.format(courseBody, course, "MEAL_ASSIST"))
          .statusCode(409)
          .body("error", equalTo("COURSE_ID_REUSED"));
      post(asBank, "/api/v1/courses", String.format(courseBody, "x-" + course, "SKYDIVING"))
          .statusCode(400)
          .body("error", equalTo("UNKNOWN_CATEGORY"))
          .body("fields[0].field", equalTo("category"));

      NodeEvent enrol = bank.enrolHome(lin);
      NodeEvent before = bank.next(legalAid(v, NodeTraffic.SERVED_AT, 1));
      bank.publish(enrol, before);
      LedgerFlowsTest.awaitQuarantined(before.getEventId(), "CERTIFICATION_REQUIRED");

      String assessment =
          "{\"assessmentId\":\"%s\",\"volunteerId\":\""
              + v
              + "\",\"completedAt\":\"%s\","
              + "\"passed\":%s,\"score\":%d}";
      String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();
      post(
              asBank,
              "/api/v1/courses/" + course + "/assessments",
              String.format(
                  assessment,
                  UUID.randomUUID(),
                  Instant.parse(yesterday).minus(Duration.ofHours(1)),
                  false,
                  40))
          .statusCode(201)
          .body("validUntil", nullValue());
      String passId = UUID.randomUUID().toString();
      String pass = String.format(assessment, passId, yesterday, true, 85);
      post(asBank, "/api/v1/courses/" + course + "/assessments", pass).statusCode(201);
      post(asBank, "/api/v1/courses/" + course + "/assessments", pass).statusCode(200);
      post(
              asBank,
              "/api/v1/courses/" + course + "/assessments",
              String.format(assessment, passId, yesterday, false, 10))
          .statusCode(409)
          .body("error", equalTo("ASSESSMENT_ID_REUSED"));
      post(
              asBank,
              "/api/v1/courses/no-such-course/assessments",
              String.format(assessment, UUID.randomUUID(), yesterday, true, 90))
          .statusCode(404)
          .body("error", equalTo("UNKNOWN_COURSE"));
      post(
              "Bearer " + TestTokens.token(Roles.NODE, other.nodeId),
              "/api/v1/courses/" + course + "/assessments",
              String.format(assessment, UUID.randomUUID(), yesterday, true, 90))
          .statusCode(403);

      NodeEvent certified = bank.next(legalAid(v, NodeTraffic.SERVED_AT, 1));
      bank.publish(certified);
      LedgerFlowsTest.awaitBalance(v, 60, 60);
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.VOLUNTEER, v))
          .get("/api/v1/volunteers/{v}/trainings", v)
          .then()
          .statusCode(200)
          .body("passed", equalTo(List.of(true, false)))
          .body("certification", equalTo(java.util.Arrays.asList("LEGAL_ADVISER", null)))
          .body("nameZh[0]", equalTo("法律援助培训"));

      // The volunteer's page shows the training and that the certification expires soon.
      String url =
          given()
              .header("Authorization", asBank)
              .post("/api/v1/volunteers/{v}/sign-in-links", v)
              .then()
              .statusCode(201)
              .extract()
              .path("url");
      String session =
          given()
              .redirects()
              .follow(false)
              .post(url)
              .then()
              .statusCode(303)
              .extract()
              .cookie("tbx_session");
      String page =
          given()
              .cookie("tbx_session", session)
              .header("Accept-Language", "en")
              .get("/me")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(page.contains("Legal aid training"), page);
      assertTrue(page.contains("LEGAL_ADVISER (" + bank.nodeId + ")"), page);
      assertTrue(page.contains("expires soon"), page);

      // Valid for a month from yesterday: inside the 30 days ahead, so the home bank and the
      // volunteer are told once.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .header("Authorization", asBank)
                      .get("/api/v1/notifications?size=500")
                      .then()
                      .statusCode(200)
                      .body("kind", hasItem("CERTIFICATION_EXPIRING"))
                      .body("subjectId", hasItem(v)));

      // Forty days on, the certification has expired: the category is blocked again, until a
      // new pass renews it.
      Instant later = Instant.now().plus(Duration.ofDays(40));
      clock.advance(Duration.between(Instant.now(), later));
      NodeEvent expired = bank.next(legalAid(v, later.minus(Duration.ofHours(2)), 3));
      bank.publish(expired);
      LedgerFlowsTest.awaitQuarantined(expired.getEventId(), "CERTIFICATION_REQUIRED");
      post(
              asBank,
              "/api/v1/courses/" + course + "/assessments",
              String.format(
                  assessment, UUID.randomUUID(), later.minus(Duration.ofHours(3)), true, 70))
          .statusCode(201);
      bank.publish(bank.next(legalAid(v, later.minus(Duration.ofHours(1)), 3)));
      LedgerFlowsTest.awaitBalance(v, 120, 120);
    }
  }

  private static ServiceRecorded legalAid(String volunteerId, Instant startedAt, int rulebook) {
    return new ServiceRecorded(
        volunteerId,
        "LEGAL_AID",
        "elder-4",
        startedAt,
        60,
        60,
        rulebook,
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "org-1", List.of(), null, null));
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
