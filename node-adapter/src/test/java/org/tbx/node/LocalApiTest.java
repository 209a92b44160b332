package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestVolunteer;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.CertificationGranted;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.DifferenceKind;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ReconciliationDifference;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.ServiceRated;
import org.tbx.protocol.v1.StatementLine;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * Every write of the adapter's local API reaches Kafka as the right protocol event, once per
 * idempotency key; the hub's decisions (sent here as signed notices) show up locally and are pushed
 * to the webhook.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class LocalApiTest {

  @BeforeAll
  static void bankToken() {
    TestAuth.as(Roles.NODE, "adapter-test");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "tbx.node.id")
  String nodeId;

  private TestHub hub;
  private static final TestVolunteer REDEEMER = new TestVolunteer("v-r");

  private final String v = "v-" + UUID.randomUUID().toString().substring(0, 8);
  private final TestVolunteer person = new TestVolunteer(v);

  @BeforeEach
  void setUp() {
    hub = new TestHub(nodeId);
  }

  @Test
  void everyWriteIsPublishedAsItsProtocolEvent() {
    String enrolled = write("/api/v1/volunteers", person.enrollmentJson("1990-03-01", true));
    String certified =
        write(
            "/api/v1/certifications",
            "{\"volunteerId\":\""
                + v
                + "\",\"certification\":\"CARE_BASIC\",\"issuer\":\"red-cross-gl\"}");
    String insured =
        write(
            "/api/v1/insurance-policies",
            "{\"volunteerId\":\""
                + v
                + "\",\"policyRef\":\"pol-1\","
                + "\"insurer\":\"中国人寿\",\"validFrom\":\"2026-01-01\",\"validUntil\":\"2026-12-31\"}");
    String serviceEvent =
        given()
            .get("/api/v1/service-records/{id}", record(v, 120))
            .then()
            .extract()
            .path("eventId");
    String gift =
        write(
            "/api/v1/gifts",
            "{\"volunteerId\":\""
                + v
                + "\",\"recipientVolunteerId\":\"mother-1\",\"relation\":\"PARENT\",\"minutes\":30,"
                + "\"consent\":"
                + person.consentJson(nodeId, ConsentPurpose.GIFT, 30)
                + "}");
    String donation = write("/api/v1/donations", donation(15));
    String rating =
        write(
            "/api/v1/ratings",
            "{\"serviceEventId\":\""
                + serviceEvent
                + "\",\"raterRole\":\"RECIPIENT\",\"stars\":5,\"comment\":\"很好\"}");
    String reversal =
        write(
            "/api/v1/reversals",
            "{\"reversedEventId\":\"" + donation + "\",\"reason\":\"wrong pool\"}");

    List<String> ids = List.of(enrolled, certified, insured, gift, donation, rating, reversal);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                ids.forEach(
                    id ->
                        given()
                            .get("/api/v1/submissions/{id}", id)
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("PUBLISHED"))));
    var events = hub.published();
    VolunteerEnrolled enrollment = (VolunteerEnrolled) events.get(enrolled).getPayload();
    assertEquals(LocalDate.of(1990, 3, 1), enrollment.getBirthDate());
    assertEquals(
        "CARE_BASIC",
        ((CertificationGranted) events.get(certified).getPayload()).getCertification());
    assertEquals("中国人寿", ((InsuranceRegistered) events.get(insured).getPayload()).getInsurer());
    assertEquals(
        "mother-1", ((HoursGifted) events.get(gift).getPayload()).getRecipientVolunteerId());
    assertEquals(15, ((HoursDonated) events.get(donation).getPayload()).getMinutes());
    assertEquals(
        serviceEvent, ((ServiceRated) events.get(rating).getPayload()).getServiceEventId());
    assertEquals(
        donation, ((EntryReversed) events.get(reversal).getPayload()).getReversedEventId());
    assertTrue(events.get(reversal).getSequence() > events.get(donation).getSequence());

    // The bank's own figures: 120 credited, 30 gifted away; the donation and its reversal cancel
    // out.
    given()
        .get("/api/v1/volunteers/{v}/balance", v)
        .then()
        .statusCode(200)
        .body("local.creditedMinutes", equalTo(135))
        .body("local.debitedMinutes", equalTo(45))
        .body("local.netMinutes", equalTo(90));
  }

  @Test
  void aRetryWithTheSameKeyReturnsTheFirstOutcomeAndADifferentRequestIsRefused() {
    String key = "retry-" + UUID.randomUUID();
    String body = donation(20);
    String first =
        post("/api/v1/donations", key, body)
            .statusCode(201)
            .header("Idempotent-Replayed", "false")
            .extract()
            .path("eventId");
    String again =
        post("/api/v1/donations", key, body)
            .statusCode(201)
            .header("Idempotent-Replayed", "true")
            .extract()
            .path("eventId");
    assertEquals(first, again);
    post("/api/v1/donations", key, donation(25))
        .statusCode(409)
        .body("error", equalTo("IDEMPOTENCY_KEY_REUSED"))
        .body("fields[0].field", equalTo("Idempotency-Key"));
    given()
        .get("/api/v1/submissions?type=HoursDonated&size=500")
        .then()
        .statusCode(200)
        .body("items.findAll { it.idempotencyKey == '" + key + "' }.size()", equalTo(1));

    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/donations")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("Idempotency-Key"));
    post("/api/v1/donations", "has space", body)
        .statusCode(400)
        .body("message", containsString("printable"));
  }

  @Test
  void badRequestsNameTheFieldAndTheRule() {
    post(
            "/api/v1/gifts",
            key(),
            "{\"volunteerId\":\""
                + v
                + "\",\"recipientVolunteerId\":\"x-1\",\"relation\":\"FRIEND\","
                + "\"minutes\":30}")
        .statusCode(400)
        .body("error", equalTo("RELATION_NOT_ALLOWED"))
        .body("fields[0].field", equalTo("relation"));
    post(
            "/api/v1/ratings",
            key(),
            "{\"serviceEventId\":\""
                + UUID.randomUUID()
                + "\",\"raterRole\":\"RECIPIENT\","
                + "\"stars\":6}")
        .statusCode(400)
        .body("fields[0].field", equalTo("stars"));
    post(
            "/api/v1/ratings",
            key(),
            "{\"serviceEventId\":\""
                + UUID.randomUUID()
                + "\",\"raterRole\":\"RECIPIENT\","
                + "\"stars\":4}")
        .statusCode(400)
        .body("fields[0].field", equalTo("serviceEventId"));
    post(
            "/api/v1/reversals",
            key(),
            "{\"reversedEventId\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}")
        .statusCode(400)
        .body("error", equalTo("UNKNOWN_EVENT"))
        .body("fields[0].field", equalTo("reversedEventId"));
    String enrolled = write("/api/v1/volunteers", person.enrollmentJson("1980-01-01", true));
    post("/api/v1/reversals", key(), "{\"reversedEventId\":\"" + enrolled + "\",\"reason\":\"x\"}")
        .statusCode(400)
        .body("error", equalTo("NOT_REVERSIBLE"))
        .body("fields[0].field", equalTo("reversedEventId"));
    post(
            "/api/v1/insurance-policies",
            key(),
            "{\"volunteerId\":\""
                + v
                + "\",\"policyRef\":\"p\",\"insurer\":\"i\","
                + "\"validFrom\":\"2026-05-01\",\"validUntil\":\"2026-01-01\"}")
        .statusCode(400)
        .body("fields[0].field", equalTo("validUntil"));
    post("/api/v1/volunteers", key(), person.enrollmentJson("2999-01-01", true))
        .statusCode(400)
        .body("fields[0].field", equalTo("birthDate"));
    post("/api/v1/redemptions/nope/settlement", key(), "{\"usedMinutes\":5}").statusCode(404);
    write("/api/v1/redemptions", redemption("dup-" + v, 30));
    post("/api/v1/redemptions", key(), redemption("dup-" + v, 30))
        .statusCode(400)
        .body("error", equalTo("DUPLICATE_ID"))
        .body("fields[0].field", equalTo("redemptionId"));
    given()
        .get("/api/v1/submissions/not-a-uuid")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("eventId"));
    given()
        .get("/api/v1/submissions?page=abc")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("page"));
    given()
        .get("/api/v1/submissions?size=0")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("size"));
    given()
        .get("/api/v1/webhook-deliveries?undelivered=maybe")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("undelivered"));
    given()
        .get("/api/v1/submissions?hubStatus=MAYBE")
        .then()
        .statusCode(400)
        .body("fields[0].field", equalTo("hubStatus"));
    given().get("/api/v1/volunteers/{v}/balance", "bad id!").then().statusCode(400);
  }

  @Test
  void aRedemptionIsSettledAfterTheHubAuthorizesItAndADeclineShowsTheReason() {
    BankSystemStub.failOnly.set("r-" + v);
    BankSystemStub.failures.set(2);
    int attemptsBefore = BankSystemStub.attempts.get();
    String requestEvent = write("/api/v1/redemptions", redemption("r-" + v, 90));
    post("/api/v1/redemptions/r-{v}/settlement".replace("{v}", v), key(), "{\"usedMinutes\":60}")
        .statusCode(409)
        .body("error", equalTo("REDEMPTION_NOT_AUTHORIZED"))
        .body("message", containsString("REQUESTED"));
    awaitPublished(requestEvent);
    RedemptionRequested requested =
        (RedemptionRequested) hub.published().get(requestEvent).getPayload();
    assertEquals("r-" + v, requested.getRedemptionId());

    hub.answer(new RedemptionAuthorized("r-" + v, "hold-9", 90, Instant.now().plusSeconds(3600)));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/redemptions/r-{v}".replace("{v}", v))
                    .then()
                    .body("status", equalTo("AUTHORIZED"))
                    .body("holdId", equalTo("hold-9"))
                    .body("authorizedMinutes", equalTo(90)));
    post("/api/v1/redemptions/r-{v}/settlement".replace("{v}", v), key(), "{\"usedMinutes\":91}")
        .statusCode(400)
        .body("fields[0].field", equalTo("usedMinutes"));
    String settled = write("/api/v1/redemptions/r-" + v + "/settlement", "{\"usedMinutes\":60}");
    given()
        .get("/api/v1/redemptions/r-{v}".replace("{v}", v))
        .then()
        .body("status", equalTo("SETTLED"));
    awaitPublished(settled);
    RedemptionSettled settlement = (RedemptionSettled) hub.published().get(settled).getPayload();
    assertEquals("hold-9", settlement.getHoldId());
    assertEquals(60, settlement.getUsedMinutes());

    write("/api/v1/redemptions", redemption("d-" + v, 5000));
    hub.answer(
        new RedemptionDeclined(
            "d-" + v, ReasonCode.INSUFFICIENT_BALANCE, "available 90, requested 5000"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/redemptions/d-{v}".replace("{v}", v))
                    .then()
                    .body("status", equalTo("DECLINED"))
                    .body("declineReason", equalTo("INSUFFICIENT_BALANCE")));

    // Both decisions reach the bank's system, the first after two refused attempts.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertTrue(
                  BankSystemStub.PUSHES.stream()
                      .anyMatch(p -> p.contains("\"r-" + v + "\"") && p.contains("AUTHORIZED")));
              assertTrue(
                  BankSystemStub.PUSHES.stream()
                      .anyMatch(p -> p.contains("\"d-" + v + "\"") && p.contains("INSUFFICIENT")));
            });
    assertTrue(
        BankSystemStub.attempts.get() - attemptsBefore >= 4,
        "two failed attempts, then two deliveries");
    given()
        .get("/api/v1/webhook-deliveries")
        .then()
        .statusCode(200)
        .body(
            "find { it.kind == 'RedemptionAuthorized' && it.body.decision.redemptionId == 'r-"
                + v
                + "' }.attempts",
            Matchers.greaterThanOrEqualTo(2));
  }

  @Test
  void aStatementCarriesTheBanksOwnFiguresAndShowsTheHubsReconciliation() {
    String first = record(v, 60);
    String second = record(v, 30);
    // A statement covers what is sealed into the stream when it is made.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                List.of(first, second)
                    .forEach(
                        id ->
                            given()
                                .get("/api/v1/service-records/{id}", id)
                                .then()
                                .body("status", equalTo("PUBLISHED"))));
    String sid =
        post("/api/v1/statements", key(), "")
            .statusCode(201)
            .body("matched", equalTo(null))
            .extract()
            .path("statementId");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/submissions?type=BalanceStatement")
                    .then()
                    .body("items[0].status", equalTo("PUBLISHED")));
    NodeEvent event =
        hub.published().values().stream()
            .filter(
                e -> e.getPayload() instanceof BalanceStatement s && s.getStatementId().equals(sid))
            .findFirst()
            .orElseThrow();
    BalanceStatement statement = (BalanceStatement) event.getPayload();
    assertTrue(statement.getAsOfSequence() < event.getSequence());
    StatementLine line =
        statement.getLines().stream()
            .filter(l -> l.getVolunteerId().equals(v))
            .findFirst()
            .orElseThrow();
    assertEquals(90, line.getCreditedMinutes());

    hub.answer(
        new ReconciliationResult(
            sid,
            statement.getAsOfSequence(),
            false,
            List.of(
                new ReconciliationDifference(DifferenceKind.AMOUNT_DIFFERS, v, null, 90L, 60L))));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/statements/{id}", sid)
                    .then()
                    .body("matched", equalTo(false))
                    .body("differences[0].kind", equalTo("AMOUNT_DIFFERS"))
                    .body("reconciledAt", notNullValue()));
  }

  @Test
  void theBalanceIsTheHubsLastReportMarkedStaleWhileTheHubIsDown() {
    record(v, 45);
    BankSystemStub.hubBalance.set(
        "{\"volunteerId\":\"" + v + "\",\"balanceMinutes\":45,\"availableMinutes\":45}");
    given()
        .get("/api/v1/volunteers/{v}/balance", v)
        .then()
        .statusCode(200)
        .body("hub.balance.balanceMinutes", equalTo(45))
        .body("hub.stale", equalTo(false));
    BankSystemStub.hubBalance.set(null);
    given()
        .get("/api/v1/volunteers/{v}/balance", v)
        .then()
        .statusCode(200)
        .body("hub.balance.balanceMinutes", equalTo(45))
        .body("hub.stale", equalTo(true))
        .body("hub.error", containsString("503"))
        .body("local.creditedMinutes", equalTo(45));
    given().get("/api/v1/volunteers/{v}/balance", "nobody-" + v).then().statusCode(404);
  }

  @Test
  void aVolunteersStandingIsTheHubsAnswerAndTheHubsRefusalIsPassedOnWithItsReason() {
    given()
        .get("/api/v1/volunteers/{v}/standing", v)
        .then()
        .statusCode(200)
        .body("score", equalTo(512))
        .body("rulebookVersion", equalTo(3));
    given()
        .get("/api/v1/volunteers/{v}/standing", "v-not-served")
        .then()
        .statusCode(403)
        .body("error", equalTo("FORBIDDEN"))
        .body("message", containsString("the hub refused: this token may not read it"));
    given().get("/api/v1/volunteers/{v}/standing", "no spaces allowed").then().statusCode(400);
  }

  @Test
  void aRotatedKeySignsOnlyOnceActivatedAndTheOldBatchesKeepTheirSignatures() {
    String oldKey = given().get("/api/v1/node").then().extract().path("keyId");
    String before = write("/api/v1/donations", donation(1));
    awaitPublished(before);
    String next =
        given()
            .post("/api/v1/node/keys")
            .then()
            .statusCode(201)
            .body("active", equalTo(false))
            .extract()
            .path("keyId");
    String stillOld = write("/api/v1/donations", donation(2));
    awaitPublished(stillOld);
    given()
        .post("/api/v1/node/keys/{k}/activation", next)
        .then()
        .statusCode(200)
        .body("active", equalTo(true));
    given().get("/api/v1/node").then().body("keyId", equalTo(next));
    String after = write("/api/v1/donations", donation(3));
    awaitPublished(after);
    var signedBy = hub.signingKeys();
    assertEquals(oldKey, signedBy.get(before));
    assertEquals(oldKey, signedBy.get(stillOld));
    assertEquals(next, signedBy.get(after));
    given()
        .get("/api/v1/node/keys")
        .then()
        .body("findAll { it.active }.keyId", Matchers.contains(next));
    given().post("/api/v1/node/keys/{k}/activation", "0000000000000000").then().statusCode(404);
  }

  @Test
  void aRedemptionSentWithoutAnIdGetsOneAndCanBeFoundSettledCancelledOrSeenToExpire() {
    String body = redemption("x", 30).replace("\"redemptionId\":\"x\",", "");
    String[] ids = new String[3];
    for (int i = 0; i < 3; i++) {
      String key = key();
      ids[i] =
          post("/api/v1/redemptions", key, body.replace("mum-1", "mum-" + i))
              .statusCode(201)
              .body("createdAt", notNullValue())
              .body("request.redemptionId", Matchers.startsWith("r-"))
              .extract()
              .path("request.redemptionId");
      post("/api/v1/redemptions", key, body.replace("mum-1", "mum-" + i))
          .statusCode(201)
          .body("request.redemptionId", equalTo(ids[i]));
    }
    given()
        .get("/api/v1/redemptions?volunteerId=v-r&status=REQUESTED&size=500")
        .then()
        .statusCode(200)
        .body("items.redemptionId", Matchers.hasItems(ids))
        .body("items.find { it.redemptionId == '" + ids[0] + "' }.createdAt", notNullValue());
    Instant in = Instant.now().plusSeconds(3600);
    hub.answer(
        new RedemptionAuthorized(ids[0], "hold-a", 30, in),
        new RedemptionAuthorized(ids[1], "hold-b", 30, in),
        new RedemptionAuthorized(ids[2], "hold-c", 30, in));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/redemptions?volunteerId=v-r&status=AUTHORIZED&size=500")
                    .then()
                    .body("items.redemptionId", Matchers.hasItems(ids)));
    write("/api/v1/redemptions/" + ids[0] + "/settlement", "{\"usedMinutes\":20}");
    write("/api/v1/redemptions/" + ids[1] + "/cancellation", "{\"reason\":\"the elder moved\"}");
    hub.answer(
        new RedemptionDeclined(ids[2], ReasonCode.HOLD_EXPIRED, "the hold expired unsettled"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              given()
                  .get("/api/v1/redemptions/" + ids[0])
                  .then()
                  .body("status", equalTo("SETTLED"));
              given()
                  .get("/api/v1/redemptions/" + ids[1])
                  .then()
                  .body("status", equalTo("CANCELLED"));
              given()
                  .get("/api/v1/redemptions/" + ids[2])
                  .then()
                  .body("status", equalTo("EXPIRED"))
                  .body("declineReason", equalTo("HOLD_EXPIRED"));
            });
    given()
        .get("/api/v1/redemptions?status=EXPIRED")
        .then()
        .body("items.redemptionId", Matchers.hasItem(ids[2]));
    given().get("/api/v1/redemptions?status=GONE").then().statusCode(400);
    post("/api/v1/redemptions/" + ids[2] + "/settlement", key(), "{\"usedMinutes\":5}")
        .statusCode(409);
  }

  private static void awaitPublished(String eventId) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/submissions/{id}", eventId)
                    .then()
                    .body("status", equalTo("PUBLISHED")));
  }

  private String redemption(String id, int minutes) {
    return "{\"redemptionId\":\""
        + id
        + "\",\"volunteerId\":\"v-r\",\"beneficiaryRef\":\"mum-1\",\"relation\":\"PARENT\","
        + "\"beneficiaryBirthDate\":\"1950-01-01\",\"serviceCategory\":\"MEAL_ASSIST\",\"requestedMinutes\":"
        + minutes
        + ",\"consent\":"
        + REDEEMER.consentJson(nodeId, ConsentPurpose.REDEMPTION, minutes)
        + "}";
  }

  /** A donation of the test's volunteer to the national pool, with their consent. */
  private String donation(int minutes) {
    return "{\"volunteerId\":\""
        + v
        + "\",\"poolId\":\"national\",\"minutes\":"
        + minutes
        + ",\"consent\":"
        + person.consentJson(nodeId, ConsentPurpose.DONATION, minutes)
        + "}";
  }

  private static String record(String volunteer, int minutes) {
    return post(
            "/api/v1/service-records",
            key(),
            "{\"volunteerId\":\""
                + volunteer
                + "\",\"serviceCategory\":\"MEAL_ASSIST\","
                + "\"recipientRef\":\"elder-1\",\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":"
                + minutes
                + "}")
        .statusCode(201)
        .extract()
        .path("id");
  }

  /**
   * @return the event id of a successful write
   */
  private static String write(String path, String json) {
    return post(path, key(), json)
        .statusCode(201)
        .header("Location", containsString("/api/v1/submissions/"))
        .body("status", equalTo("PENDING"))
        .extract()
        .path("eventId");
  }

  private static ValidatableResponse post(String path, String key, String json) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(json)
        .post(path)
        .then();
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
