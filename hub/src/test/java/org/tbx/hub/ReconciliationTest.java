package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.reconciliation.Reconciliations;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.DifferenceKind;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.StatementLine;

/** A bank's statement compared with the hub's record of its stream, each difference classified. */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class ReconciliationTest {

  @Inject DataSource dataSource;
  @Inject Reconciliations reconciliations;

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aStatementThatAgreesWithTheHubMatchesEvenWhenItComesInTwoParts() {
    Person giver = new Person();
    String v1 = giver.id;
    String v2 = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("nanning")) {
      bank.publish(
          bank.enrolHome(giver),
          bank.deposit(v1, 60),
          bank.deposit(v2, 30),
          bank.gift(giver, v2, Relation.PARENT, 10));
      String statement = UUID.randomUUID().toString();
      ControlTotals totals = new ControlTotals(4L, 100L, 10L);
      bank.publish(
          bank.next(
              new BalanceStatement(
                  statement, 4L, 1, 2, totals, List.of(new StatementLine(v1, 60L, 10L)))));
      bank.publish(
          bank.next(
              new BalanceStatement(
                  statement, 4L, 2, 2, totals, List.of(new StatementLine(v2, 40L, 0L)))));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/reconciliations/{s}", statement)
                      .then()
                      .statusCode(200)
                      .body("matched", equalTo(true))
                      .body("differences", empty())
                      .body("nodeId", equalTo(bank.nodeId)));
      given()
          .get("/api/v1/reconciliations?nodeId={n}", bank.nodeId)
          .then()
          .body("total", equalTo(1))
          .body("items.statementId", hasItem(statement));
      NodeEvent again =
          bank.next(
              new BalanceStatement(
                  statement, 4L, 1, 2, totals, List.of(new StatementLine(v1, 60L, 10L))));
      bank.publish(again);
      LedgerFlowsTest.awaitQuarantined(again.getEventId(), "INVALID_FIELD");
      given()
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .statusCode(200)
          .body("lastSequence", equalTo(7))
          .body("lagRecords", equalTo(0))
          .body("quarantinedCount", equalTo(1))
          .body("lastStatement.statementId", equalTo(statement))
          .body("lastStatement.matched", equalTo(true));
    }
  }

  @Test
  void twoHubInstancesReconcilingOneStatementAtOnceRecordItOnce() throws Exception {
    String v = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("liuzhou")) {
      bank.publish(bank.deposit(v, 45));
      LedgerFlowsTest.awaitBalance(v, 45, 45);
      // A statement complete in the database whose nudge was lost (as after a crash): several
      // workers find it at once.
      String statement = UUID.randomUUID().toString();
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "insert into statement_part (statement_id, part, node_id, part_count, as_of_sequence,"
                + " event_count, credited_total, debited_total, event_id) values ('"
                + statement
                + "', 1, '"
                + bank.nodeId
                + "', 1, 1, 1, 45, 0, gen_random_uuid())");
        st.executeUpdate(
            "insert into statement_line values ('" + statement + "', '" + v + "', 45, 0)");
        st.executeUpdate(
            "insert into reconciliation_due (statement_id, node_id, as_of_sequence) values ('"
                + statement
                + "', '"
                + bank.nodeId
                + "', 1)");
      }
      ReconciliationRepository.Due due =
          new ReconciliationRepository.Due(statement, bank.nodeId, 1);
      ExecutorService workers = Executors.newFixedThreadPool(3);
      try {
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          runs.add(workers.submit(() -> reconciliations.reconcile(due)));
        }
        int recorded = 0;
        for (Future<Boolean> run : runs) {
          recorded += run.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, recorded, "one of the workers records the result, the others step back");
      } finally {
        workers.shutdown();
      }
      given()
          .get("/api/v1/reconciliations/{s}", statement)
          .then()
          .statusCode(200)
          .body("matched", equalTo(true));
    }
  }

  @Test
  void aStatementThatDisagreesGetsEachDifferenceClassifiedAndTheBankIsTold() throws Exception {
    String v1 = LedgerFlowsTest.volunteer();
    String v2 = LedgerFlowsTest.volunteer();
    String v3 = LedgerFlowsTest.volunteer();
    String v4 = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("guiyang")) {
      NodeEvent first = bank.deposit(v1, 60);
      NodeEvent second = bank.deposit(v2, 30);
      NodeEvent inflated = bank.deposit(UUID.randomUUID().toString(), v3, 30, 300);
      bank.publish(first, second, inflated);
      String statement = UUID.randomUUID().toString();
      bank.publish(
          bank.next(
              new BalanceStatement(
                  statement,
                  3L,
                  1,
                  1,
                  new ControlTotals(3L, 385L, 0L),
                  List.of(
                      new StatementLine(v1, 70L, 0L),
                      new StatementLine(v3, 300L, 0L),
                      new StatementLine(v4, 15L, 0L)))));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/reconciliations/{s}", statement)
                      .then()
                      .statusCode(200)
                      .body("matched", equalTo(false))
                      .body(
                          "differences.kind",
                          containsInAnyOrder(
                              "CONTROL_TOTAL_DIFFERS",
                              "AMOUNT_DIFFERS",
                              "MISSING_AT_BANK",
                              "REJECTED_BY_HUB",
                              "MISSING_AT_HUB"))
                      .body(
                          "differences.find { it.volunteerId == '" + v1 + "' }.kind",
                          equalTo("AMOUNT_DIFFERS"))
                      .body(
                          "differences.find { it.volunteerId == '" + v1 + "' }.bankMinutes",
                          equalTo(70))
                      .body(
                          "differences.find { it.volunteerId == '" + v1 + "' }.hubMinutes",
                          equalTo(60))
                      .body(
                          "differences.find { it.volunteerId == '" + v2 + "' }.kind",
                          equalTo("MISSING_AT_BANK"))
                      .body(
                          "differences.find { it.volunteerId == '" + v3 + "' }.kind",
                          equalTo("REJECTED_BY_HUB"))
                      .body(
                          "differences.find { it.volunteerId == '" + v3 + "' }.eventId",
                          equalTo(inflated.getEventId()))
                      .body(
                          "differences.find { it.volunteerId == '" + v4 + "' }.kind",
                          equalTo("MISSING_AT_HUB"))
                      .body(
                          "differences.find { it.kind == 'CONTROL_TOTAL_DIFFERS' }.bankMinutes",
                          equalTo(385))
                      .body(
                          "differences.find { it.kind == 'CONTROL_TOTAL_DIFFERS' }.hubMinutes",
                          equalTo(90)));

      given()
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .statusCode(200)
          .body("quarantinedCount", equalTo(1))
          .body("lastStatement.matched", equalTo(false));
      String keyHex = given().get("/api/v1/hub/key").then().extract().path("publicKeyHex");
      var hubKey = Ed25519Keys.publicKey(HexFormat.of().parseHex(keyHex));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertTrue(
                      HubNoticesTest.readNotices(bank.nodeId, hubKey).stream()
                          .anyMatch(
                              n ->
                                  n.getPayload() instanceof ReconciliationResult r
                                      && r.getStatementId().equals(statement)
                                      && !r.getMatched()
                                      && r.getDifferences().size() == 5
                                      && r.getDifferences().stream()
                                          .anyMatch(
                                              d ->
                                                  d.getKind() == DifferenceKind.REJECTED_BY_HUB))));
    }
  }
}
