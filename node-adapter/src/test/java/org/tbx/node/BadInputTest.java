package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbx.infra.LogWatch;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestTokens;
import org.tbx.infra.TestVolunteer;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.ConsentPurpose;

/**
 * Every kind of bad input, sent to each endpoint family of the adapter over real HTTP: each is
 * answered with a 4xx in the error shape naming the field or rule, stores and publishes nothing,
 * and leaves no ERROR or stack trace in the log.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class BadInputTest {

  private static final String SELF = "adapter-test";

  /** One bad request: where it goes, its body (null for a GET) and what the answer must name. */
  private record Case(String what, String method, String path, String body, String names) {}

  private final TestVolunteer volunteer =
      new TestVolunteer("v-bad-" + UUID.randomUUID().toString().substring(0, 8));

  private String record(String startedAt, String minutes) {
    return "{\"volunteerId\":\""
        + volunteer.id
        + "\",\"serviceCategory\":\"MEAL_ASSIST\",\"recipientRef\":\"elder-1\",\"startedAt\":\""
        + startedAt
        + "\",\"minutes\":"
        + minutes
        + "}";
  }

  private List<Case> cases() {
    String records = "/api/v1/service-records";
    String v = volunteer.id;
    String redemption =
        "{\"volunteerId\":\""
            + v
            + "\",\"beneficiaryRef\":\"mum-1\",\"relation\":\"PARENT\",\"serviceCategory\":\"MEAL_ASSIST\",";
    return List.of(
        // a key given twice
        new Case(
            "duplicate key",
            "POST",
            records,
            record("2026-11-28T09:00:00Z", "30")
                .replace("\"minutes\":30", "\"minutes\":30,\"minutes\":900"),
            "minutes"),
        new Case(
            "duplicate key",
            "POST",
            "/api/v1/donations",
            "{\"volunteerId\":\""
                + v
                + "\",\"volunteerId\":\"v-other\",\"poolId\":\"national\",\"minutes\":5}",
            "volunteerId"),
        // a fraction or text where a whole number belongs
        new Case("fraction", "POST", records, record("2026-11-28T09:00:00Z", "30.7"), "minutes"),
        new Case(
            "text number", "POST", records, record("2026-11-28T09:00:00Z", "\"30\""), "minutes"),
        new Case(
            "number as text",
            "POST",
            "/api/v1/donations",
            "{\"volunteerId\":\"" + v + "\",\"poolId\":42,\"minutes\":5}",
            "poolId"),
        new Case(
            "fraction",
            "POST",
            "/api/v1/redemptions",
            redemption + "\"beneficiaryBirthDate\":\"1950-01-01\",\"requestedMinutes\":60.5}",
            "requestedMinutes"),
        // dates outside any sane window
        new Case("year zero", "POST", records, record("0000-01-01T09:00:00Z", "30"), "startedAt"),
        new Case(
            "before any rulebook",
            "POST",
            records,
            record("1900-01-01T09:00:00Z", "30"),
            "startedAt"),
        new Case("future", "POST", records, record("2999-01-01T09:00:00Z", "30"), "startedAt"),
        new Case(
            "birth in year zero",
            "POST",
            "/api/v1/volunteers",
            volunteer.enrollmentJson("0000-01-01", true),
            "birthDate"),
        new Case(
            "birth before 1900",
            "POST",
            "/api/v1/redemptions",
            redemption + "\"beneficiaryBirthDate\":\"1850-01-01\",\"requestedMinutes\":60}",
            "beneficiaryBirthDate"),
        // sums beyond any real figure
        new Case("overflow", "POST", records, record("2026-11-28T09:00:00Z", "9e18"), "minutes"),
        new Case(
            "overflow",
            "POST",
            records,
            record("2026-11-28T09:00:00Z", "99999999999999999999"),
            "minutes"),
        // consent that is not this debit's
        new Case(
            "no consent",
            "POST",
            "/api/v1/gifts",
            "{\"volunteerId\":\""
                + v
                + "\",\"recipientVolunteerId\":\"mum-1\",\"relation\":\"PARENT\",\"minutes\":5}",
            "consent"),
        new Case(
            "another bank's consent",
            "POST",
            "/api/v1/donations",
            "{\"volunteerId\":\""
                + v
                + "\",\"poolId\":\"national\",\"minutes\":5,\"consent\":"
                + volunteer.consentJson("another-bank", ConsentPurpose.DONATION, 5)
                + "}",
            "consent.nodeId"),
        // pages beyond the bound, or wrapping around
        new Case("huge page", "GET", "/api/v1/submissions?page=2147483647", null, "page"),
        new Case("wrapping page", "GET", "/api/v1/submissions?page=8589935&size=500", null, "page"),
        new Case("negative page", "GET", "/api/v1/submissions?page=-1", null, "page"),
        // values of the wrong kind: the answer says what is expected, in words, not Java types
        new Case(
            "not a relation",
            "POST",
            "/api/v1/gifts",
            "{\"volunteerId\":\""
                + v
                + "\",\"recipientVolunteerId\":\"mum-1\",\"relation\":\"COUSIN\",\"minutes\":5}",
            "relation must be one of ["),
        new Case("not an instant", "POST", records, record("tomorrow", "30"), "ISO-8601 instant"),
        // bodies that are not what the endpoint takes
        new Case("not JSON", "POST", records, "{\"volunteerId\":", "JSON"),
        new Case("missing field", "POST", "/api/v1/volunteers", "{}", "birthDate"));
  }

  @Test
  void eachBadInputIsAFourHundredNamingTheRuleAndLeavesNoStackTrace() {
    String bank = "Bearer " + TestTokens.token(Roles.NODE, SELF);
    long before = submissions(bank);
    List<String> failures = new ArrayList<>();
    try (LogWatch log = LogWatch.start()) {
      for (Case c : cases()) {
        var request = given().header("Authorization", bank);
        if (c.body() != null) {
          request =
              request
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .contentType("application/json")
                  .body(c.body());
        }
        Response answer = request.request(c.method(), c.path());
        String body = answer.asString();
        if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
          failures.add(
              c.what() + " " + c.path() + ": answered " + answer.statusCode() + " " + body);
        } else if (!body.contains("\"error\":") || !body.contains("\"message\":")) {
          failures.add(c.what() + ": not the error shape: " + body);
        } else if (!body.contains(c.names())) {
          failures.add(c.what() + ": the answer does not name " + c.names() + ": " + body);
        }
        if (body.contains("Exception")
            || body.contains("\tat ")
            || body.contains("org.tbx")
            || body.contains("java.")) {
          failures.add(c.what() + ": internals in the answer: " + body);
        }
      }
      assertTrue(failures.isEmpty(), String.join("\n", failures));
      assertEquals(List.of(), log.problems(), "bad input must leave no ERROR or stack trace");
    }
    assertEquals(before, submissions(bank), "no bad request was stored or published");
  }

  private static long submissions(String bank) {
    return given()
        .header("Authorization", bank)
        .get("/api/v1/submissions?size=1")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("total");
  }
}
