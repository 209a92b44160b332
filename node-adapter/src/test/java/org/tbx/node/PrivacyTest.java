package org.tbx.node;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * A volunteer's national ID number stays at the enrolling bank: the adapter turns it into the
 * keyed-hash volunteer id and keeps it nowhere (not in its tables, not on Kafka, not in its log),
 * refuses it where a pseudonym belongs, and never logs the caller's token.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class PrivacyTest {

  /** A made-up resident ID number with a correct check digit. */
  private static final String NATIONAL_ID = "11010519491231002X";

  private static final Path LOG = Path.of("target/adapter-test.log");

  @Inject AgroalDataSource dataSource;

  @ConfigProperty(name = "tbx.node.id")
  String nodeId;

  private final String token = TestTokens.token(Roles.NODE, "adapter-test");

  @BeforeEach
  void noDefaultToken() {
    TestAuth.none();
  }

  @Test
  void aNationalIdBecomesTheKeyedHashAndIsKeptNowhere() throws Exception {
    String key = UUID.randomUUID().toString();
    String body =
        "{\"nationalId\":\""
            + NATIONAL_ID
            + "\",\"birthDate\":\"1949-12-31\",\"verification\":{\"method\":\"ID_CARD\",\"verifiedByRef\":\"clerk-1\"}}";
    String volunteerId =
        enroll(key, body)
            .statusCode(201)
            .body("request.volunteerId", startsWith("tv1-"))
            .extract()
            .path("request.volunteerId");
    enroll(key, body)
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("request.volunteerId", equalTo(volunteerId));
    String eventId =
        enroll(UUID.randomUUID().toString(), body).statusCode(201).extract().path("eventId");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", "Bearer " + token)
                    .get("/api/v1/submissions/{id}", eventId)
                    .then()
                    .body("status", equalTo("PUBLISHED")));
    List<NodeEvent> published = new ArrayList<>(new TestHub(nodeId).published().values());
    assertTrue(
        published.stream()
            .anyMatch(
                e ->
                    e.getPayload() instanceof VolunteerEnrolled v
                        && v.getVolunteerId().equals(volunteerId)),
        "the hub gets the keyed hash");
    published.forEach(e -> assertFalse(e.toString().contains(NATIONAL_ID), "on Kafka: " + e));

    assertEquals(
        List.of(), tablesHolding(NATIONAL_ID), "the adapter keeps the ID number in no table");
    assertEquals(List.of(), tablesHolding(NATIONAL_ID.toLowerCase()), "nor in lower case");
    assertTrue(Files.exists(LOG), "the test profile writes the adapter's log to " + LOG);
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertFalse(log.contains(NATIONAL_ID), "the log holds no ID number");
    assertFalse(log.contains(token), "the log holds no token");
  }

  @Test
  void anIdNumberWhereAPseudonymBelongsIsRefusedNamingTheField() {
    String record =
        "{\"volunteerId\":\"%s\",\"serviceCategory\":\"MEAL_ASSIST\",\"recipientRef\":\"%s\","
            + "\"startedAt\":\"2026-11-28T09:00:00Z\",\"minutes\":30}";
    post("/api/v1/service-records", String.format(record, "v-ok-1", "elder-" + NATIONAL_ID))
        .statusCode(400)
        .body("fields[0].field", equalTo("recipientRef"));
    post("/api/v1/service-records", String.format(record, NATIONAL_ID, "elder-1"))
        .statusCode(400)
        .body("fields[0].field", equalTo("volunteerId"));
    enroll(
            UUID.randomUUID().toString(),
            "{\"nationalId\":\"110105194912310021\",\"birthDate\":\"1949-12-31\",\"verification\":{\"method\":\"ID_CARD\",\"verifiedByRef\":\"clerk-1\"}}")
        .statusCode(400)
        .body("fields[0].field", equalTo("nationalId"));
    enroll(
            UUID.randomUUID().toString(),
            "{\"birthDate\":\"1949-12-31\",\"verification\":{\"method\":\"ID_CARD\",\"verifiedByRef\":\"clerk-1\"}}")
        .statusCode(400)
        .body("fields[0].field", equalTo("volunteerId"));
  }

  private ValidatableResponse enroll(String key, String body) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", key)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/volunteers")
        .then();
  }

  private ValidatableResponse post(String path, String body) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType("application/json")
        .body(body)
        .post(path)
        .then();
  }

  /**
   * @return "table.column" of every text or byte column of the adapter's schema that contains the
   *     text
   */
  private List<String> tablesHolding(String text) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "select table_name, column_name, data_type from information_schema.columns "
                      + "where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
      assertFalse(columns.isEmpty(), "the scan sees the adapter's tables");
      for (String[] col : columns) {
        String probe =
            col[2].equals("bytea")
                ? "position(convert_to(?, 'UTF8') in \"" + col[1] + "\") > 0"
                : "\"" + col[1] + "\"::text like '%' || ? || '%'";
        try (PreparedStatement ps =
            c.prepareStatement("select count(*) from \"" + col[0] + "\" where " + probe)) {
          ps.setString(1, text);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              found.add(col[0] + "." + col[1]);
            }
          }
        }
      }
    }
    return found;
  }
}
