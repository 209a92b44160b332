package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.RedemptionSettled;

/** Who owes whom after hours earned at one bank were spent at another; positions sum to zero. */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class SettlementTest {

  @Inject DataSource dataSource;
  @Inject LedgerRepository ledger;

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void issuersOweTheBanksThatHonouredTheirHoursAndNettingShowsItsSaving() {
    Instant from = Instant.now().minusSeconds(1);
    Person vp = new Person();
    Person wp = new Person();
    String v = vp.id;
    String w = wp.id;
    try (NodeTraffic a = new NodeTraffic("lanzhou");
        NodeTraffic b = new NodeTraffic("xining");
        NodeTraffic c = new NodeTraffic("yinchuan")) {
      a.publish(a.enrolHome(vp), a.deposit(v, 100));
      LedgerFlowsTest.awaitBalance(v, 100, 100);
      c.publish(c.deposit(v, 50));
      b.publish(b.enrolHome(wp), b.deposit(w, 40));
      LedgerFlowsTest.awaitBalance(v, 150, 150);
      LedgerFlowsTest.awaitBalance(w, 40, 40);

      String r1 = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(vp), b.redeem(vp, r1, 120));
      String h1 = LedgerFlowsTest.awaitRedemption(r1, "AUTHORIZED", "PENDING");
      b.publish(b.next(new RedemptionSettled(r1, h1, 120)));
      String r2 = UUID.randomUUID().toString();
      a.publish(a.enrolVisit(wp), a.redeem(wp, r2, 40));
      String h2 = LedgerFlowsTest.awaitRedemption(r2, "AUTHORIZED", "PENDING");
      a.publish(a.next(new RedemptionSettled(r2, h2, 40)));
      LedgerFlowsTest.awaitRedemption(r1, "SETTLED", "POSTED");
      LedgerFlowsTest.awaitRedemption(r2, "SETTLED", "POSTED");

      given()
          .contentType("application/json")
          .body("{\"fundMinutes\": 10}")
          .put("/api/v1/nodes/{n}/guarantee", c.nodeId)
          .then()
          .statusCode(204);

      JsonPath report =
          given()
              .get("/api/v1/settlement?from={f}", from.toString())
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(0, report.getLong("netSum"), "positions sum to zero");
      // v spent A's 100 (oldest) and 20 of C's at B; w spent B's 40 at A.
      assertEquals(-60, position(report, a.nodeId, "netMinutes"));
      assertEquals(80, position(report, b.nodeId, "netMinutes"));
      assertEquals(-20, position(report, c.nodeId, "netMinutes"));
      assertEquals(100, position(report, a.nodeId, "payableMinutes"));
      assertEquals(40, position(report, a.nodeId, "receivableMinutes"));
      assertEquals(120, position(report, b.nodeId, "honouredMinutes"));
      assertEquals(100, position(report, a.nodeId, "issuedMinutes"));
      assertEquals(0, position(report, a.nodeId, "outstandingMinutes"));
      assertEquals(30, position(report, c.nodeId, "outstandingMinutes"));
      assertEquals(333, position(report, c.nodeId, "coveragePermille"));
      given()
          .get("/api/v1/settlement?from={f}", from.toString())
          .then()
          .body(
              "positions.find { it.nodeId == '" + c.nodeId + "' }.alerts", hasItem("LOW_COVERAGE"));
    }
  }

  @Test
  void theReportSinceTheFirstTransferIsKeptIncrementallyAndEqualsAFullReplay() throws Exception {
    Person vp = new Person();
    String v = vp.id;
    try (NodeTraffic a = new NodeTraffic("hohhot");
        NodeTraffic b = new NodeTraffic("baotou")) {
      a.publish(a.enrolHome(vp), a.deposit(v, 90));
      LedgerFlowsTest.awaitBalance(v, 90, 90);
      String r = UUID.randomUUID().toString();
      b.publish(b.enrolVisit(vp), b.redeem(vp, r, 60));
      String h = LedgerFlowsTest.awaitRedemption(r, "AUTHORIZED", "PENDING");
      b.publish(b.next(new RedemptionSettled(r, h, 60)));
      LedgerFlowsTest.awaitRedemption(r, "SETTLED", "POSTED");

      JsonPath kept = given().get("/api/v1/settlement").then().statusCode(200).extract().jsonPath();
      JsonPath replayed =
          given()
              .get("/api/v1/settlement?from=1970-01-01T00:00:00Z")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(replayed.getList("positions"), kept.getList("positions"));
      assertEquals(replayed.getList("flows"), kept.getList("flows"));
      assertEquals(replayed.getList("ageingMinutes"), kept.getList("ageingMinutes"));
      assertEquals(60, position(kept, a.nodeId, "payableMinutes"));
      assertEquals(90, position(kept, a.nodeId, "issuedMinutes"));

      // A transaction still open with a lower transfer id holds the fold back: what commits after
      // it is not folded past it, or the lower id would be skipped for ever.
      try (Connection slow = dataSource.getConnection()) {
        slow.setAutoCommit(false);
        try (Statement st = slow.createStatement()) {
          st.executeUpdate(
              "insert into transfer (event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id)"
                  + " values (gen_random_uuid(), 'test:slow-a', 'test:slow-b', 1, 'TEST', 'test')");
        }
        a.publish(a.deposit(v, 15));
        LedgerFlowsTest.awaitBalance(v, 45, 45);
        assertEquals(
            90,
            position(
                given().get("/api/v1/settlement").then().extract().jsonPath(),
                a.nodeId,
                "issuedMinutes"),
            "the deposit committed after the open transaction's transfer waits for it");
        slow.rollback();
      }
      assertEquals(
          105,
          position(
              given().get("/api/v1/settlement").then().extract().jsonPath(),
              a.nodeId,
              "issuedMinutes"),
          "once it ended, the deposit is folded");

      // A transaction marked read-only (a reconciliation reading a large stream) cannot commit a
      // transfer: the fold passes it by.
      CountDownLatch opened = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        Future<?> reading =
            reader.submit(
                () ->
                    QuarkusTransaction.requiringNew()
                        .run(
                            () -> {
                              ledger.readOnly();
                              ledger.idMark();
                              opened.countDown();
                              try {
                                release.await(30, TimeUnit.SECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                            }));
        assertTrue(opened.await(10, TimeUnit.SECONDS));
        a.publish(a.deposit(v, 5));
        LedgerFlowsTest.awaitBalance(v, 50, 50);
        assertEquals(
            110,
            position(
                given().get("/api/v1/settlement").then().extract().jsonPath(),
                a.nodeId,
                "issuedMinutes"),
            "a read-only transaction does not hold the fold back");
        release.countDown();
        reading.get(10, TimeUnit.SECONDS);
      } finally {
        release.countDown();
        reader.shutdown();
      }
    }
  }

  @Test
  void refusesReversedAndMalformedPeriodsAndUnknownBanks() {
    given()
        .get("/api/v1/settlement?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
        .then()
        .statusCode(400)
        .body("message", equalTo("from must be before to"));
    given()
        .get("/api/v1/settlement?from=yesterday")
        .then()
        .statusCode(400)
        .body("message", containsString("ISO-8601"));
    given()
        .contentType("application/json")
        .body("{\"fundMinutes\": 10}")
        .put(
            "/api/v1/nodes/{n}/guarantee", "nobody-" + UUID.randomUUID().toString().substring(0, 8))
        .then()
        .statusCode(404);
    given()
        .contentType("application/json")
        .body("{\"fundMinutes\": -1}")
        .put("/api/v1/nodes/{n}/guarantee", "anybody")
        .then()
        .statusCode(400)
        .body("message", containsString("fundMinutes"));
  }

  private static long position(JsonPath report, String node, String field) {
    return report.getLong("positions.find { it.nodeId == '" + node + "' }." + field);
  }
}
