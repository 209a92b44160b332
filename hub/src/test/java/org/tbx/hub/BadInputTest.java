package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.LogWatch;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;

/**
 * Every kind of bad input, sent to each endpoint family of the hub over real HTTP: each is answered
 * with a 4xx in the error shape naming the field or rule, changes nothing, and leaves no ERROR or
 * stack trace in the log.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class BadInputTest {

  private static NodeTraffic bank;
  private static Person volunteer;

  /** One bad request and the field or rule its answer must name. */
  private record Case(String what, Function<RequestSpecification, Response> call, String names) {}

  @BeforeEach
  void bankWithAVolunteer() {
    if (bank == null) {
      TestAuth.as(Roles.ADMIN, "test-operator");
      bank = new NodeTraffic("bad-input");
      volunteer = new Person();
      bank.publish(bank.enrolHome(volunteer), bank.deposit(volunteer.id, 60));
      LedgerFlowsTest.awaitBalance(volunteer.id, 60, 60);
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.ADMIN, "operator"))
          .contentType("application/json")
          .body("{\"fundMinutes\":6000}")
          .put("/api/v1/nodes/{n}/guarantee", bank.nodeId)
          .then()
          .statusCode(204);
    }
  }

  @AfterAll
  static void close() {
    if (bank != null) {
      bank.close();
    }
  }

  private static Response json(RequestSpecification r, String method, String path, String body) {
    return r.contentType("application/json").body(body).request(method, path);
  }

  private List<Case> cases() {
    String guarantee = "/api/v1/nodes/" + bank.nodeId + "/guarantee";
    String disputes = "/api/v1/disputes";
    String dispute =
        "{\"volunteerId\":\"" + volunteer.id + "\",\"eventId\":\"" + UUID.randomUUID() + "\",";
    return List.of(
        // a key given twice
        new Case(
            "duplicate key",
            r -> json(r, "PUT", guarantee, "{\"fundMinutes\":30,\"fundMinutes\":900}"),
            "fundMinutes"),
        new Case(
            "duplicate key",
            r -> json(r, "POST", disputes, dispute + "\"reason\":\"a\",\"reason\":\"b\"}"),
            "reason"),
        new Case(
            "duplicate key",
            r ->
                json(
                    r,
                    "POST",
                    "/api/v1/tokens/revocations",
                    "{\"jti\":\"a\",\"jti\":\"b\",\"reason\":\"x\"}"),
            "jti"),
        // a fraction or text where a whole number belongs
        new Case(
            "fraction", r -> json(r, "PUT", guarantee, "{\"fundMinutes\":30.7}"), "fundMinutes"),
        new Case(
            "text number",
            r -> json(r, "PUT", guarantee, "{\"fundMinutes\":\"30\"}"),
            "fundMinutes"),
        new Case(
            "number as text", r -> json(r, "POST", disputes, dispute + "\"reason\":42}"), "reason"),
        new Case(
            "boolean as text",
            r ->
                json(
                    r,
                    "POST",
                    disputes + "/" + UUID.randomUUID() + "/decision",
                    "{\"upheld\":\"yes\",\"reason\":\"x\"}"),
            "upheld"),
        // sums beyond any real fund
        new Case(
            "overflow", r -> json(r, "PUT", guarantee, "{\"fundMinutes\":9e18}"), "fundMinutes"),
        new Case(
            "overflow",
            r -> json(r, "PUT", guarantee, "{\"fundMinutes\":9000000000000000000}"),
            "fundMinutes"),
        new Case(
            "overflow",
            r -> json(r, "PUT", guarantee, "{\"fundMinutes\":99999999999999999999999}"),
            "fundMinutes"),
        // pages beyond the bound, or wrapping around
        new Case("huge page", r -> r.get("/api/v1/quarantine?page=2147483647"), "page"),
        new Case("wrapping page", r -> r.get("/api/v1/quarantine?page=8589935&size=500"), "page"),
        new Case(
            "huge page",
            r -> r.get("/api/v1/volunteers/" + volunteer.id + "/history?page=2147483647"),
            "page"),
        new Case("huge page", r -> r.get("/api/v1/disputes?page=99999999999"), "page"),
        new Case("huge page", r -> r.get("/api/v1/reconciliations?page=-1"), "page"),
        new Case("huge after", r -> r.get("/api/v1/notifications?size=100000"), "size"),
        // dates outside any sane window
        new Case(
            "far future", r -> r.get("/api/v1/settlement?to=+999999999-12-31T00:00:00Z"), "to"),
        new Case("year zero", r -> r.get("/api/v1/settlement?from=0000-01-01T00:00:00Z"), "from"),
        new Case("not a date", r -> r.get("/api/v1/settlement?from=yesterday"), "from"),
        // bodies that are not what the endpoint takes
        new Case("not JSON", r -> json(r, "PUT", guarantee, "{\"fundMinutes\":"), "JSON"),
        new Case("array", r -> json(r, "POST", disputes, "[]"), ""),
        new Case("missing field", r -> json(r, "POST", disputes, "{}"), "volunteerId"),
        new Case(
            "unknown id shape",
            r ->
                json(
                    r,
                    "POST",
                    disputes,
                    dispute.replace(volunteer.id, "x y") + "\"reason\":\"r\"}"),
            "volunteerId"));
  }

  @Test
  void eachBadInputIsAFourHundredNamingTheRuleAndLeavesNoStackTrace() {
    String admin = "Bearer " + TestTokens.token(Roles.ADMIN, "operator");
    String home = "Bearer " + TestTokens.token(Roles.NODE, bank.nodeId);
    List<String> failures = new ArrayList<>();
    try (LogWatch log = LogWatch.start()) {
      for (Case c : cases()) {
        Response answer = c.call().apply(given().header("Authorization", admin));
        if (answer.statusCode() == 403) {
          answer = c.call().apply(given().header("Authorization", home));
        }
        String body = answer.asString();
        if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
          failures.add(c.what() + ": answered " + answer.statusCode() + " " + body);
        } else if (!body.contains("\"error\":") || !body.contains("\"message\":")) {
          failures.add(c.what() + ": not the error shape: " + body);
        } else if (!body.contains(c.names())) {
          failures.add(c.what() + ": the answer does not name " + c.names() + ": " + body);
        }
        if (body.contains("Exception") || body.contains("\tat ")) {
          failures.add(c.what() + ": internals in the answer: " + body);
        }
      }
      assertTrue(failures.isEmpty(), String.join("\n", failures));
      assertEquals(List.of(), log.problems(), "bad input must leave no ERROR or stack trace");
    }
    Response settlement =
        given()
            .header("Authorization", admin)
            .get("/api/v1/settlement")
            .then()
            .extract()
            .response();
    assertEquals(
        Integer.valueOf(6000),
        settlement.path(
            "positions.find { it.nodeId == '" + bank.nodeId + "' }.guaranteeFundMinutes"),
        "no refused guarantee declaration took effect");
  }
}
