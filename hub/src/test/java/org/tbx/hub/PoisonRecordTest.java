package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ingest.NodeStreamConsumer;
import org.tbx.hub.ingest.PoisonableHandlers;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RaterRole;
import org.tbx.protocol.v1.ServiceRated;

/**
 * One record the hub fails to apply (a bug, made here by {@link PoisonableHandlers}) is retried
 * alone a bounded number of times and quarantined as {@code APPLY_FAILED}, while another bank's
 * events keep being applied; its own bank's stream then waits as after a gap. Readiness says when
 * the consumer is not running.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class PoisonRecordTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Inject NodeStreamConsumer consumer;

  @Test
  void aPoisonRecordIsQuarantinedAloneWhileOtherBanksGoOn() {
    Person a = new Person();
    Person b = new Person();
    try (NodeTraffic sick = new NodeTraffic("sick");
        NodeTraffic healthy = new NodeTraffic("healthy")) {
      NodeEvent enrolled = sick.enrolHome(a);
      NodeEvent deposit = sick.deposit(a.id, 30);
      sick.publish(enrolled, deposit);
      LedgerFlowsTest.awaitBalance(a.id, 30, 30);

      NodeEvent poison =
          sick.next(
              new ServiceRated(
                  deposit.getEventId(), RaterRole.RECIPIENT, 5, PoisonableHandlers.POISON));
      sick.publish(poison);
      healthy.publish(healthy.enrolHome(b), healthy.deposit(b.id, 45));
      NodeEvent after = sick.deposit(a.id, 15);
      sick.publish(after);
      healthy.publish(healthy.deposit(b.id, 5));

      LedgerFlowsTest.awaitBalance(b.id, 50, 50);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500&nodeId=" + sick.nodeId)
                      .then()
                      .body("items.reasonCode", hasItem("APPLY_FAILED"))
                      .body("items.reasonCode", hasItem("SEQUENCE_GAP"))
                      .body(
                          "items.find { it.reasonCode == 'APPLY_FAILED' }.detail",
                          containsString("IllegalStateException: a hub bug on this one record")));
      LedgerFlowsTest.awaitBalance(a.id, 30, 30);

      // The operator gives up on the poisoned batch; the bank's stream goes on.
      given()
          .post("/api/v1/nodes/{n}/stream/accept-gap", sick.nodeId)
          .then()
          .statusCode(200)
          .body("appliedEvents", equalTo(1));
      LedgerFlowsTest.awaitBalance(a.id, 45, 45);
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.REGULATOR, "regulator"))
          .get("/q/metrics")
          .then()
          .body(containsString("tbx_records_quarantined_total{reason=\"APPLY_FAILED\"}"))
          .body(containsString("tbx_ingest_lag{topic=\"" + sick.topic() + "\"}"));
    }
  }

  @Test
  void readinessIsDownWhileTheConsumerIsNotRunning() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    consumer.stop();
    try {
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'ingest' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'ingest' }.data.reason", containsString("not running"));
    } finally {
      consumer.start();
    }
    await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @Test
  void anErrorThatEndsTheConsumerThreadTurnsReadinessDown() {
    Person p = new Person();
    try (NodeTraffic bank = new NodeTraffic("fatal")) {
      NodeEvent enrolled = bank.enrolHome(p);
      NodeEvent deposit = bank.deposit(p.id, 20);
      bank.publish(enrolled, deposit);
      LedgerFlowsTest.awaitBalance(p.id, 20, 20);
      PoisonableHandlers.FATAL_ARMED.set(true);
      try {
        bank.publish(
            bank.next(
                new ServiceRated(
                    deposit.getEventId(), RaterRole.RECIPIENT, 4, PoisonableHandlers.FATAL)));
        // The consumer thread's death is the point here: Awaitility must not report it as a
        // failure.
        await()
            .dontCatchUncaughtExceptions()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .body("checks.find { it.name == 'ingest' }.status", equalTo("DOWN"))
                        .body(
                            "checks.find { it.name == 'ingest' }.data.reason",
                            containsString("not running")));
      } finally {
        PoisonableHandlers.FATAL_ARMED.set(false);
        consumer.start();
      }
      await()
          .atMost(WAIT)
          .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
      // Started again, the hub applies the record that killed the thread: nothing was lost.
      bank.publish(bank.deposit(p.id, 5));
      LedgerFlowsTest.awaitBalance(p.id, 25, 25);
    }
  }
}
