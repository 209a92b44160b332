package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;

/**
 * Who may call what on a bank's adapter, over real HTTP with real tokens, for every endpoint its
 * OpenAPI document lists: writes only by this bank, reads also by the admin and the regulator, a
 * volunteer only their own balance, and another bank's token nothing at all.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class AccessControlTest {

  private static final String SELF = "adapter-test";
  private static final String VOLUNTEER = "v-acl-1";

  private record Endpoint(String method, String path) {
    /** The national rulebook is public, as at the hub. */
    boolean open() {
      return path.startsWith("/api/v1/rulebooks");
    }

    Set<String> roles() {
      if (open()) {
        return Set.copyOf(Roles.ALL);
      }
      if (method.equals("POST")) {
        return Set.of(Roles.NODE);
      }
      if (path.endsWith("/balance")) {
        return Set.of(Roles.ADMIN, Roles.REGULATOR, Roles.NODE, Roles.VOLUNTEER);
      }
      return Set.of(Roles.ADMIN, Roles.REGULATOR, Roles.NODE);
    }

    Response call(RequestSpecification request) {
      String concrete =
          path.replace("{volunteerId}", VOLUNTEER)
              .replace("{keyId}", "no-such-key")
              .replaceAll("\\{[A-Za-z]+\\}", "00000000-0000-4000-8000-000000000000");
      if (method.equals("POST")) {
        request = request.contentType("application/json").body("{}");
      }
      return request.request(method, concrete);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @BeforeEach
  void noDefaultToken() {
    TestAuth.none();
  }

  private static List<Endpoint> endpoints() {
    Map<String, Map<String, Object>> paths =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    Set<String> methods = Set.of("get", "put", "post", "delete", "patch");
    List<Endpoint> all = new ArrayList<>();
    paths.forEach(
        (path, ops) ->
            ops.keySet().stream()
                .filter(methods::contains)
                .forEach(m -> all.add(new Endpoint(m.toUpperCase(), path))));
    assertTrue(all.size() >= 27, "the adapter documents its endpoints: " + all);
    return all;
  }

  private static String tokenOf(String role) {
    return switch (role) {
      case Roles.NODE -> TestTokens.token(role, SELF);
      case Roles.VOLUNTEER -> TestTokens.token(role, VOLUNTEER);
      default -> TestTokens.token(role, "someone");
    };
  }

  @Test
  void everyEndpointAnswers401WithoutAValidToken() {
    List<String> failures = new ArrayList<>();
    List<BiFunction<String, String, String>> broken =
        List.of(
            TestTokens::expired,
            TestTokens::wrongIssuer,
            TestTokens::wrongAudience,
            TestTokens::badSignature);
    for (Endpoint e : endpoints()) {
      if (e.open()) {
        int status = e.call(given()).statusCode();
        if (status == 401 || status == 403 || status >= 500) {
          failures.add(e + " is public but answered " + status);
        }
        continue;
      }
      unauthorized(failures, e, "no token", e.call(given()));
      for (BiFunction<String, String, String> token : broken) {
        unauthorized(
            failures,
            e,
            "a broken token",
            e.call(given().header("Authorization", "Bearer " + token.apply(Roles.NODE, SELF))));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void eachRoleGetsExactlyWhatItIsAllowedAndAnotherBankNothing() {
    List<String> failures = new ArrayList<>();
    String otherBank = "Bearer " + TestTokens.token(Roles.NODE, "another-bank");
    String otherVolunteer = "Bearer " + TestTokens.token(Roles.VOLUNTEER, "v-someone-else");
    for (Endpoint e : endpoints()) {
      for (String role : Roles.ALL) {
        Response r = e.call(given().header("Authorization", "Bearer " + tokenOf(role)));
        int status = r.statusCode();
        if (e.roles().contains(role) && (status == 401 || status == 403 || status >= 500)) {
          failures.add(
              e + " as " + role + ": allowed, but answered " + status + " " + r.asString());
        }
        if (!e.roles().contains(role) && status != 403) {
          failures.add(e + " as " + role + ": not allowed, but answered " + status);
        }
      }
      if (e.open()) {
        continue;
      }
      check(
          failures,
          e,
          "another bank's token",
          e.call(given().header("Authorization", otherBank)).statusCode(),
          403);
      if (e.roles().contains(Roles.VOLUNTEER)) {
        check(
            failures,
            e,
            "another volunteer's token",
            e.call(given().header("Authorization", otherVolunteer)).statusCode(),
            403);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void aForbiddenAnswerSaysWhy() {
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, "another-bank"))
        .get("/api/v1/node")
        .then()
        .statusCode(403)
        .body("error", equalTo("FORBIDDEN"))
        .body(
            "message",
            equalTo("this adapter serves node adapter-test; the token is for node another-bank"));
  }

  @Test
  void badInputGetsAClearFourHundredNeverAServerError() {
    String bank = "Bearer " + tokenOf(Roles.NODE);
    given()
        .header("Authorization", bank)
        .header("Idempotency-Key", "k-1")
        .contentType("text/plain")
        .body("hi")
        .post("/api/v1/service-records")
        .then()
        .statusCode(415)
        .body("error", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    given()
        .header("Authorization", bank)
        .header("Idempotency-Key", "k-2")
        .contentType("application/json")
        .body("{\"volunteerId\":")
        .post("/api/v1/service-records")
        .then()
        .statusCode(400)
        .body("error", equalTo("MALFORMED_JSON"));
    given()
        .header("Authorization", bank)
        .header("Idempotency-Key", "k-3")
        .contentType("application/json")
        .body("{\"recipientRef\":\"" + "x".repeat(70_000) + "\"}")
        .post("/api/v1/service-records")
        .then()
        .statusCode(413);
    for (String path :
        List.of(
            "/api/v1/volunteers/bad id!/balance",
            "/api/v1/submissions/not-a-uuid",
            "/api/v1/submissions?page=abc",
            "/api/v1/webhook-deliveries?undelivered=maybe")) {
      Response r = given().header("Authorization", bank).get(path);
      assertTrue(
          r.statusCode() >= 400 && r.statusCode() < 500, path + " answered " + r.statusCode());
      assertTrue(
          !r.asString().contains("Exception") && !r.asString().contains("\tat "),
          path + ": " + r.asString());
    }
  }

  /** A 401 in the error shape, naming the scheme to use. */
  private static void unauthorized(List<String> failures, Endpoint e, String what, Response r) {
    check(failures, e, what, r.statusCode(), 401);
    if (!r.asString().contains("\"error\":\"UNAUTHORIZED\"")
        || !"Bearer".equals(r.header("WWW-Authenticate"))) {
      failures.add(e + " with " + what + ": not the error shape: " + r.asString());
    }
  }

  @Test
  void tokensBreakingTheFederationsRulesAreRefusedWithTheReason() {
    Map<String, String> refused =
        Map.of(
            "exactly one role",
            TestTokens.twoRoles(Roles.VOLUNTEER, Roles.NODE, SELF),
            "issued in the future",
            TestTokens.issuedInTheFuture(Roles.NODE, SELF),
            "may be valid for at most",
            TestTokens.validFor(Roles.NODE, SELF, Duration.ofDays(36_500)),
            "has no jti",
            TestTokens.withoutId(Roles.NODE, SELF));
    refused.forEach(
        (reason, token) ->
            given()
                .header("Authorization", "Bearer " + token)
                .get("/api/v1/node")
                .then()
                .statusCode(401)
                .body("error", equalTo("UNAUTHORIZED"))
                .body("message", containsString(reason)));
    given()
        .header(
            "Authorization",
            "Bearer " + TestTokens.validFor(Roles.NODE, SELF, Duration.ofDays(365)))
        .get("/api/v1/node")
        .then()
        .statusCode(200);
  }

  private static void check(
      List<String> failures, Endpoint e, String what, int status, int expected) {
    if (status != expected) {
      failures.add(e + " with " + what + ": expected " + expected + ", answered " + status);
    }
  }
}
