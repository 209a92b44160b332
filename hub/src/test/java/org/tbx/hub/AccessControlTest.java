package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.v1.NodeEvent;

/**
 * Who may call what on the hub, over real HTTP with real tokens: every endpoint the OpenAPI
 * document lists is in the matrix below, and each is tried without a token, with broken tokens,
 * with every role, and across banks and volunteers.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class AccessControlTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PUBLIC = "public";

  /** One endpoint and the roles allowed on it; {@code path} has this test's ids filled in. */
  private record Endpoint(
      String method, String template, String path, Set<String> roles, String body) {
    boolean open() {
      return roles.contains(PUBLIC);
    }

    Response call(RequestSpecification request) {
      if (body != null) {
        request = request.contentType("application/json").body(body);
      }
      return request.request(method, path);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static NodeTraffic bankA;
  private static NodeTraffic bankB;
  private static NodeTraffic bankC;
  private static String volunteer;
  private static String otherVolunteer;
  private static NodeEvent deposit;
  private static NodeEvent otherDeposit;
  private static String redemptionId;

  /** Runs before each test (RestAssured knows the port only then), setting up once. */
  @BeforeEach
  void banksAndTraffic() {
    TestAuth.none();
    if (bankA != null) {
      return;
    }
    TestAuth.as(Roles.ADMIN, "test-operator");
    bankA = new NodeTraffic("acl-a");
    bankB = new NodeTraffic("acl-b");
    bankC = new NodeTraffic("acl-c");
    Person person = new Person();
    volunteer = person.id;
    otherVolunteer = "v-" + UUID.randomUUID();
    NodeEvent enrolment = bankA.enrolHome(person);
    deposit = bankA.deposit(volunteer, 120);
    redemptionId = UUID.randomUUID().toString();
    bankA.publish(enrolment, deposit, bankA.redeem(person, redemptionId, 30));
    otherDeposit = bankB.deposit(otherVolunteer, 60);
    bankB.publish(otherDeposit);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> given().get("/api/v1/redemptions/{id}", redemptionId).then().statusCode(200));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/log/inclusion?eventId={id}", otherDeposit.getEventId())
                    .then()
                    .statusCode(200));
    TestAuth.none();
  }

  @AfterAll
  static void close() {
    TestAuth.as(Roles.ADMIN, "test-operator");
    bankA.close();
    bankB.close();
    bankC.close();
  }

  private static List<Endpoint> matrix() {
    String a = bankA.nodeId;
    String newKey =
        HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic()));
    String cKey = Ed25519Keys.keyId(bankC.keys.getPublic());
    Set<String> open = Set.of(PUBLIC);
    Set<String> admin = Set.of(Roles.ADMIN);
    Set<String> readers = Set.of(Roles.ADMIN, Roles.REGULATOR);
    Set<String> banks = Set.of(Roles.ADMIN, Roles.REGULATOR, Roles.NODE);
    Set<String> everyone = Set.of(Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER);
    return List.of(
        new Endpoint("GET", "/api/v1/hub/key", "/api/v1/hub/key", open, null),
        new Endpoint("GET", "/api/v1/rulebooks", "/api/v1/rulebooks", open, null),
        new Endpoint("GET", "/api/v1/rulebooks/current", "/api/v1/rulebooks/current", open, null),
        new Endpoint("GET", "/api/v1/rulebooks/{version}", "/api/v1/rulebooks/2", open, null),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/holds",
            "/api/v1/volunteers/" + volunteer + "/holds",
            everyone,
            null),
        new Endpoint("GET", "/api/v1/log/checkpoint", "/api/v1/log/checkpoint", open, null),
        new Endpoint(
            "GET", "/api/v1/log/checkpoints/{treeSize}", "/api/v1/log/checkpoints/1", open, null),
        new Endpoint(
            "GET",
            "/api/v1/log/consistency",
            "/api/v1/log/consistency?first=1&second=1",
            open,
            null),
        new Endpoint(
            "GET",
            "/api/v1/log/inclusion",
            "/api/v1/log/inclusion?eventId=" + deposit.getEventId(),
            everyone,
            null),
        new Endpoint("POST", "/api/v1/log/audit", "/api/v1/log/audit", readers, null),
        new Endpoint(
            "POST",
            "/api/v1/nodes/{nodeId}/stream/accept-gap",
            "/api/v1/nodes/" + a + "/stream/accept-gap",
            admin,
            null),
        new Endpoint(
            "POST", "/api/v1/admissions", "/api/v1/admissions", admin, "{\"nodeId\":\"X\"}"),
        new Endpoint(
            "POST",
            "/api/v1/admissions/{nodeId}/offboarding",
            "/api/v1/admissions/nobody-" + a + "/offboarding",
            admin,
            "{\"reason\":\"access test\"}"),
        new Endpoint(
            "POST",
            "/api/v1/nodes/{nodeId}/stream/suspension",
            "/api/v1/nodes/nobody-" + a + "/stream/suspension",
            admin,
            "{\"reason\":\"access test\"}"),
        new Endpoint(
            "GET", "/api/v1/nodes/{nodeId}/stream", "/api/v1/nodes/" + a + "/stream", banks, null),
        new Endpoint(
            "POST",
            "/api/v1/nodes/{nodeId}/stream/resumption",
            "/api/v1/nodes/" + a + "/stream/resumption",
            admin,
            null),
        new Endpoint(
            "POST",
            "/api/v1/nodes/{nodeId}/keys",
            "/api/v1/nodes/" + a + "/keys",
            admin,
            "{\"publicKeyHex\":\"" + newKey + "\"}"),
        new Endpoint(
            "GET", "/api/v1/nodes/{nodeId}/keys", "/api/v1/nodes/" + a + "/keys", banks, null),
        new Endpoint(
            "GET",
            "/api/v1/nodes/{nodeId}/notices",
            "/api/v1/nodes/" + a + "/notices",
            banks,
            null),
        new Endpoint(
            "POST",
            "/api/v1/nodes/{nodeId}/keys/{keyId}/revocation",
            "/api/v1/nodes/" + bankC.nodeId + "/keys/" + cKey + "/revocation",
            admin,
            "{\"reason\":\"access test\"}"),
        new Endpoint(
            "PUT",
            "/api/v1/nodes/{nodeId}/guarantee",
            "/api/v1/nodes/" + a + "/guarantee",
            admin,
            "{\"fundMinutes\":6000}"),
        new Endpoint("GET", "/api/v1/quarantine", "/api/v1/quarantine", banks, null),
        new Endpoint("GET", "/api/v1/banks", "/api/v1/banks", open, null),
        new Endpoint("GET", "/api/v1/banks/{nodeId}", "/api/v1/banks/" + a, open, null),
        new Endpoint(
            "PUT",
            "/api/v1/banks/{nodeId}",
            "/api/v1/banks/" + a,
            Set.of(Roles.ADMIN, Roles.NODE),
            "{\"nameZh\":\"甲\",\"nameEn\":\"A\",\"regionCode\":\"450300\",\"address\":\"1 Road\","
                + "\"phone\":\"0773-1234567\",\"hours\":\"9-17\",\"categories\":[]}"),
        new Endpoint(
            "POST",
            "/api/v1/volunteers/{volunteerId}/sign-in-links",
            "/api/v1/volunteers/" + volunteer + "/sign-in-links",
            Set.of(Roles.NODE),
            null),
        new Endpoint("GET", "/api/v1/settlement", "/api/v1/settlement", readers, null),
        new Endpoint(
            "GET",
            "/api/v1/redemptions/{redemptionId}",
            "/api/v1/redemptions/" + redemptionId,
            everyone,
            null),
        new Endpoint("GET", "/api/v1/reconciliations", "/api/v1/reconciliations", banks, null),
        new Endpoint(
            "GET",
            "/api/v1/reconciliations/{statementId}",
            "/api/v1/reconciliations/" + UUID.randomUUID(),
            banks,
            null),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/history",
            "/api/v1/volunteers/" + volunteer + "/history",
            everyone,
            null),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/balance",
            "/api/v1/volunteers/" + volunteer + "/balance",
            everyone,
            null),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/standing",
            "/api/v1/volunteers/" + volunteer + "/standing",
            everyone,
            null),
        new Endpoint(
            "POST",
            "/api/v1/volunteers/{volunteerId}/absences/{absenceId}/withdrawal",
            "/api/v1/volunteers/" + volunteer + "/absences/" + UUID.randomUUID() + "/withdrawal",
            Set.of(Roles.NODE),
            "{\"reason\":\"access test\"}"),
        new Endpoint(
            "POST",
            "/api/v1/courses",
            "/api/v1/courses",
            Set.of(Roles.NODE),
            "{\"courseId\":\"acl-course\",\"nameZh\":\"助餐培训\",\"nameEn\":\"Meals\","
                + "\"category\":\"MEAL_ASSIST\",\"trainingHours\":2,\"validityMonths\":12}"),
        new Endpoint("GET", "/api/v1/courses", "/api/v1/courses", everyone, null),
        new Endpoint(
            "POST",
            "/api/v1/benefits",
            "/api/v1/benefits",
            Set.of(Roles.NODE),
            "{\"benefitId\":\"acl-rice\",\"nameZh\":\"大米\",\"nameEn\":\"Rice\","
                + "\"kind\":\"GOODS\",\"minutes\":60}"),
        new Endpoint("GET", "/api/v1/benefits", "/api/v1/benefits", everyone, null),
        new Endpoint(
            "POST",
            "/api/v1/benefits/{benefitId}/redemptions",
            "/api/v1/benefits/no-such-benefit/redemptions",
            Set.of(Roles.NODE),
            "{\"redemptionId\":\""
                + UUID.randomUUID()
                + "\",\"volunteerId\":\""
                + volunteer
                + "\"}"),
        new Endpoint(
            "POST",
            "/api/v1/courses/{courseId}/assessments",
            "/api/v1/courses/no-such-course/assessments",
            Set.of(Roles.NODE),
            "{\"assessmentId\":\""
                + UUID.randomUUID()
                + "\",\"volunteerId\":\""
                + volunteer
                + "\",\"completedAt\":\"2026-11-01T02:00:00Z\",\"passed\":true}"),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/trainings",
            "/api/v1/volunteers/" + volunteer + "/trainings",
            everyone,
            null),
        new Endpoint(
            "GET",
            "/api/v1/volunteers/{volunteerId}/absences",
            "/api/v1/volunteers/" + volunteer + "/absences",
            everyone,
            null),
        new Endpoint(
            "POST",
            "/api/v1/volunteers/{volunteerId}/absences",
            "/api/v1/volunteers/" + volunteer + "/absences",
            Set.of(Roles.NODE),
            "{\"absenceId\":\""
                + UUID.randomUUID()
                + "\",\"kind\":\"NO_SHOW\",\"dueAt\":\"2026-11-01T02:00:00Z\"}"),
        new Endpoint(
            "POST",
            "/api/v1/disputes",
            "/api/v1/disputes",
            Set.of(Roles.NODE, Roles.VOLUNTEER),
            "{\"volunteerId\":\""
                + volunteer
                + "\",\"eventId\":\""
                + UUID.randomUUID()
                + "\",\"reason\":\"access test\"}"),
        new Endpoint("GET", "/api/v1/disputes", "/api/v1/disputes", everyone, null),
        new Endpoint(
            "GET",
            "/api/v1/disputes/{disputeId}",
            "/api/v1/disputes/" + UUID.randomUUID(),
            everyone,
            null),
        new Endpoint(
            "POST",
            "/api/v1/disputes/{disputeId}/decision",
            "/api/v1/disputes/" + UUID.randomUUID() + "/decision",
            admin,
            "{\"upheld\":false,\"reason\":\"access test\"}"),
        new Endpoint(
            "POST",
            "/api/v1/disputes/{disputeId}/withdrawal",
            "/api/v1/disputes/" + UUID.randomUUID() + "/withdrawal",
            Set.of(Roles.NODE, Roles.VOLUNTEER),
            "{\"reason\":\"access test\"}"),
        new Endpoint("GET", "/api/v1/notifications", "/api/v1/notifications", everyone, null),
        new Endpoint(
            "POST",
            "/api/v1/tokens/revocations",
            "/api/v1/tokens/revocations",
            admin,
            "{\"jti\":\"" + UUID.randomUUID() + "\",\"reason\":\"access test\"}"),
        new Endpoint(
            "GET", "/api/v1/tokens/revocations", "/api/v1/tokens/revocations", banks, null));
  }

  /** The token each role calls with: the bank is A, the volunteer the one A served. */
  private static String tokenOf(String role) {
    return switch (role) {
      case Roles.NODE -> TestTokens.token(role, bankA.nodeId);
      case Roles.VOLUNTEER -> TestTokens.token(role, volunteer);
      default -> TestTokens.token(role, "someone");
    };
  }

  @Test
  void theMatrixCoversEveryEndpointOfTheApi() {
    JsonPath openapi =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Set<String> documented = new TreeSet<>();
    Map<String, Map<String, Object>> paths = openapi.getMap("paths");
    Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(methods::contains)
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
    Set<String> tested = new TreeSet<>();
    matrix().forEach(e -> tested.add(e.method() + " " + e.template()));
    assertEquals(
        documented,
        tested,
        "every documented endpoint has a row in the access matrix, and no row is stale");
    for (Endpoint e : matrix()) {
      Object security =
          openapi.get("paths.'" + e.template() + "'." + e.method().toLowerCase() + ".security");
      assertEquals(
          !e.open(), security != null, e + ": the document says whether a token is needed");
    }
  }

  @Test
  void withoutAValidTokenEveryProtectedEndpointAnswers401AndPublicOnesAnswer() {
    List<String> failures = new ArrayList<>();
    List<BiFunction<String, String, String>> broken =
        List.of(
            TestTokens::expired,
            TestTokens::wrongIssuer,
            TestTokens::wrongAudience,
            TestTokens::badSignature);
    for (Endpoint e : matrix()) {
      Response anonymous = e.call(given());
      if (e.open()) {
        if (anonymous.statusCode() == 401 || anonymous.statusCode() == 403) {
          failures.add(e + " is public but answered " + anonymous.statusCode());
        }
        continue;
      }
      expectRefusal(failures, e, "no token", anonymous, 401, "UNAUTHORIZED");
      String role = e.roles().iterator().next();
      for (BiFunction<String, String, String> token : broken) {
        Response refused =
            e.call(given().header("Authorization", "Bearer " + token.apply(role, "someone")));
        expectRefusal(failures, e, "broken token", refused, 401, "UNAUTHORIZED");
      }
      expectRefusal(
          failures,
          e,
          "not a JWT",
          e.call(given().header("Authorization", "Bearer not-a-token")),
          401,
          "UNAUTHORIZED");
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** A refusal in the API's error shape, with a reason; a 401 also names the scheme to use. */
  private static void expectRefusal(
      List<String> failures,
      Endpoint e,
      String what,
      Response response,
      int expected,
      String error) {
    expect(failures, e, what, response.statusCode(), expected);
    String body = response.asString();
    if (!body.contains("\"error\":\"" + error + "\"") || !body.contains("\"message\":\"")) {
      failures.add(e + " with " + what + ": the answer is not the error shape: " + body);
    }
    if (expected == 401 && !"Bearer".equals(response.header("WWW-Authenticate"))) {
      failures.add(e + " with " + what + ": a 401 without WWW-Authenticate: Bearer");
    }
  }

  private static void expect(
      List<String> failures, Endpoint e, String what, int status, int expected) {
    if (status != expected) {
      failures.add(e + " with " + what + ": expected " + expected + ", answered " + status);
    }
  }

  @Test
  void expiryAllowsAMinuteOfClockSkewAndNoMore() {
    given()
        .header("Authorization", "Bearer " + TestTokens.expiredSecondsAgo(Roles.REGULATOR, "r", 20))
        .get("/api/v1/settlement")
        .then()
        .statusCode(200);
    given()
        .header(
            "Authorization", "Bearer " + TestTokens.expiredSecondsAgo(Roles.REGULATOR, "r", 120))
        .get("/api/v1/settlement")
        .then()
        .statusCode(401);
  }

  @Test
  void eachRoleGetsExactlyTheEndpointsItIsAllowed() {
    List<String> failures = new ArrayList<>();
    for (Endpoint e : matrix()) {
      for (String role : Roles.ALL) {
        Response response = e.call(given().header("Authorization", "Bearer " + tokenOf(role)));
        int status = response.statusCode();
        boolean allowed = e.open() || e.roles().contains(role);
        if (allowed && (status == 401 || status == 403 || status >= 500)) {
          failures.add(
              e + " as " + role + ": allowed, but answered " + status + " " + response.asString());
        }
        if (!allowed) {
          expectRefusal(failures, e, "role " + role, response, 403, "FORBIDDEN");
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void aBankReadsOnlyItsOwnDataAndAVolunteerOnlyTheirOwn() {
    String a = bankA.nodeId;
    String asB = "Bearer " + TestTokens.token(Roles.NODE, bankB.nodeId);
    for (String path :
        List.of(
            "/api/v1/nodes/" + a + "/stream",
            "/api/v1/nodes/" + a + "/keys",
            "/api/v1/quarantine?nodeId=" + a,
            "/api/v1/reconciliations?nodeId=" + a,
            "/api/v1/volunteers/" + volunteer + "/balance",
            "/api/v1/volunteers/" + volunteer + "/history",
            "/api/v1/volunteers/" + volunteer + "/standing",
            "/api/v1/volunteers/" + volunteer + "/absences",
            "/api/v1/volunteers/" + volunteer + "/trainings",
            "/api/v1/log/inclusion?eventId=" + deposit.getEventId(),
            "/api/v1/redemptions/" + redemptionId)) {
      given()
          .header("Authorization", asB)
          .get(path)
          .then()
          .statusCode(403)
          .body("error", equalTo("FORBIDDEN"));
    }
    given()
        .header("Authorization", asB)
        .get("/api/v1/volunteers/{v}/balance", otherVolunteer)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", asB)
        .get("/api/v1/quarantine?size=500")
        .then()
        .statusCode(200)
        .body("items.nodeId", everyItem(equalTo(bankB.nodeId)));

    // A bank may see the balance of a keyed-hash id it did not serve (a visitor at its counter),
    // not its history.
    String visitor = VolunteerIds.derive(new byte[32], "11010519491231002X");
    bankA.publish(bankA.deposit(visitor, 45));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", asB)
                    .get("/api/v1/volunteers/{v}/balance", visitor)
                    .then()
                    .statusCode(200)
                    .body("balanceMinutes", equalTo(45)));
    given()
        .header("Authorization", asB)
        .get("/api/v1/volunteers/{v}/history", visitor)
        .then()
        .statusCode(403);

    String asVolunteer = "Bearer " + TestTokens.token(Roles.VOLUNTEER, volunteer);
    given()
        .header("Authorization", asVolunteer)
        .get("/api/v1/volunteers/{v}/balance", volunteer)
        .then()
        .statusCode(200)
        .body("balanceMinutes", equalTo(120));
    given()
        .header("Authorization", asVolunteer)
        .get("/api/v1/redemptions/{id}", redemptionId)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", asVolunteer)
        .get("/api/v1/log/inclusion?eventId={id}", deposit.getEventId())
        .then()
        .statusCode(200);
    for (String path :
        List.of(
            "/api/v1/volunteers/" + otherVolunteer + "/balance",
            "/api/v1/volunteers/" + otherVolunteer + "/history",
            "/api/v1/volunteers/" + otherVolunteer + "/standing",
            "/api/v1/volunteers/" + otherVolunteer + "/absences",
            "/api/v1/volunteers/" + otherVolunteer + "/trainings",
            "/api/v1/log/inclusion?eventId=" + otherDeposit.getEventId())) {
      given()
          .header("Authorization", asVolunteer)
          .get(path)
          .then()
          .statusCode(403)
          .body("error", equalTo("FORBIDDEN"));
    }
    String asOtherVolunteer = "Bearer " + TestTokens.token(Roles.VOLUNTEER, otherVolunteer);
    given()
        .header("Authorization", asOtherVolunteer)
        .get("/api/v1/redemptions/{id}", redemptionId)
        .then()
        .statusCode(403);
  }

  @Test
  void tokensBreakingTheFederationsRulesAreRefusedWithTheReason() {
    Map<String, String> refused =
        Map.of(
            "exactly one role",
            TestTokens.twoRoles(Roles.VOLUNTEER, Roles.ADMIN, "someone"),
            "issued in the future",
            TestTokens.issuedInTheFuture(Roles.REGULATOR, "regulator"),
            "may be valid for at most",
            TestTokens.validFor(Roles.REGULATOR, "regulator", Duration.ofDays(36_500)),
            "has no jti",
            TestTokens.withoutId(Roles.REGULATOR, "regulator"));
    refused.forEach(
        (reason, token) ->
            given()
                .header("Authorization", "Bearer " + token)
                .get("/api/v1/settlement")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("UNAUTHORIZED"))
                .body("message", Matchers.containsString(reason)));
    given()
        .header(
            "Authorization",
            "Bearer " + TestTokens.validFor(Roles.REGULATOR, "regulator", Duration.ofDays(30)))
        .get("/api/v1/settlement")
        .then()
        .statusCode(200);
  }

  @Test
  void aRevokedTokenIsRefusedOnItsNextRequest() {
    String token = TestTokens.token(Roles.REGULATOR, "regulator-on-a-lost-laptop");
    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/v1/settlement")
        .then()
        .statusCode(200);
    String jti = TestTokens.idOf(token);
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.ADMIN, "operator"))
        .contentType("application/json")
        .body(Map.of("jti", jti, "reason", "laptop lost"))
        .post("/api/v1/tokens/revocations")
        .then()
        .statusCode(201)
        .body("jti", equalTo(jti))
        .body("revokedBy", equalTo("operator"));
    given()
        .header("Authorization", "Bearer " + token)
        .get("/api/v1/settlement")
        .then()
        .statusCode(401)
        .body("error", equalTo("UNAUTHORIZED"))
        .body("message", Matchers.containsString("revoked: laptop lost"));
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, bankA.nodeId))
        .get("/api/v1/tokens/revocations")
        .then()
        .statusCode(200)
        .body("jti", Matchers.hasItem(jti));
  }

  @Test
  void metricsNeedAnOperatorsToken() {
    given().get("/q/metrics").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, bankA.nodeId))
        .get("/q/metrics")
        .then()
        .statusCode(403)
        .body("error", equalTo("FORBIDDEN"));
    given()
        .header("Authorization", "Bearer " + TestTokens.expired(Roles.REGULATOR, "regulator"))
        .get("/q/metrics")
        .then()
        .statusCode(401)
        .body("message", Matchers.containsString("expired"));
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.REGULATOR, "regulator"))
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(Matchers.containsString("tbx_events_applied_total"));
  }

  @Test
  void theRegulatorReadsEverythingAndChangesNothing() {
    String asRegulator = "Bearer " + TestTokens.token(Roles.REGULATOR, "national-regulator");
    for (Endpoint e : matrix()) {
      int status = e.call(given().header("Authorization", asRegulator)).statusCode();
      if (e.method().equals("GET")) {
        assertTrue(status != 401 && status != 403, e + " answered the regulator " + status);
      } else if (!e.roles().contains(Roles.REGULATOR)) {
        assertEquals(403, status, e + " is a write the regulator must not make");
      }
    }
    given()
        .header("Authorization", asRegulator)
        .get("/api/v1/volunteers/{v}/history", volunteer)
        .then()
        .statusCode(200)
        .body("total", not(equalTo(0)));
  }

  @Test
  void badInputGetsAClearFourHundredNeverAServerError() {
    String asAdmin = "Bearer " + TestTokens.token(Roles.ADMIN, "operator");
    String a = bankA.nodeId;
    List<Response> responses =
        List.of(
            given()
                .header("Authorization", asAdmin)
                .contentType("application/json")
                .body("{\"publicKeyHex\": ")
                .post("/api/v1/nodes/{n}/keys", a),
            given()
                .header("Authorization", asAdmin)
                .contentType("text/plain")
                .body("hello")
                .post("/api/v1/nodes/{n}/keys", a),
            given()
                .header("Authorization", asAdmin)
                .contentType("application/json")
                .body("{\"publicKeyHex\":\"" + "ab".repeat(40_000) + "\"}")
                .post("/api/v1/nodes/{n}/keys", a),
            given()
                .header("Authorization", asAdmin)
                .contentType("application/json")
                .body("{\"fundMinutes\":\"lots\"}")
                .put("/api/v1/nodes/{n}/guarantee", a),
            given().header("Authorization", asAdmin).get("/api/v1/nodes/{n}/stream", "Not A Node"),
            given()
                .header("Authorization", asAdmin)
                .get("/api/v1/volunteers/{v}/balance", "bad id!"),
            given()
                .header("Authorization", asAdmin)
                .get("/api/v1/log/inclusion?eventId=not-a-uuid"),
            given().header("Authorization", asAdmin).get("/api/v1/quarantine?page=abc"),
            given()
                .header("Authorization", asAdmin)
                .contentType("application/json")
                .body("[]")
                .post("/api/v1/nodes/{n}/keys/{k}/revocation", a, "nokey"));
    for (Response r : responses) {
      int status = r.statusCode();
      String body = r.asString();
      assertTrue(status >= 400 && status < 500, "expected a 4xx, got " + status + ": " + body);
      assertTrue(
          !body.contains("Exception") && !body.contains("\tat "),
          "no stack trace in the answer: " + body);
    }
    given()
        .header("Authorization", asAdmin)
        .contentType("application/json")
        .body("{\"publicKeyHex\": ")
        .post("/api/v1/nodes/{n}/keys", a)
        .then()
        .statusCode(400)
        .body("error", oneOf("MALFORMED_JSON", "INVALID_FIELD"));
    given()
        .header("Authorization", asAdmin)
        .get("/api/v1/quarantine?page=abc")
        .then()
        .statusCode(400)
        .body("message", Matchers.startsWith("page must be a whole number"));
    given()
        .header("Authorization", asAdmin)
        .get("/api/v1/volunteers/{v}/history?size=9999", volunteer)
        .then()
        .statusCode(400)
        .body("message", Matchers.startsWith("size must be a whole number within 1..500"));
    given()
        .header("Authorization", asAdmin)
        .contentType("text/plain")
        .body("hello")
        .post("/api/v1/nodes/{n}/keys", a)
        .then()
        .statusCode(415)
        .body("error", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    given()
        .header("Authorization", asAdmin)
        .contentType("application/json")
        .body("{\"publicKeyHex\":\"" + "ab".repeat(40_000) + "\"}")
        .post("/api/v1/nodes/{n}/keys", a)
        .then()
        .statusCode(413);
  }
}
