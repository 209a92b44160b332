package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;

/**
 * A bank showing two histories is caught: a different, correctly signed batch at an accepted
 * sequence is quarantined as {@code STREAM_FORK}, the bank's stream is suspended (its later batches
 * held) and the operator and regulator are told; an exact replay still changes nothing; the
 * operator resumes the stream. A record under another key than the bank's id is refused.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class StreamIntegrityTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void aForkIsQuarantinedTheStreamSuspendedAndTheRegulatorToldWhileAnExactReplayChangesNothing()
      throws Exception {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic bank = new NodeTraffic("fork")) {
      byte[] first = bank.batch(bank.enrolHome(person));
      byte[] firstHash = BatchCodec.open(first).batchHash();
      bank.send(first);
      NodeEvent deposit = bank.deposit(v, 60);
      byte[] second = bank.batch(deposit);
      bank.send(second);
      LedgerFlowsTest.awaitBalance(v, 60, 60);

      bank.send(second);
      bank.send(first);

      NodeEvent other =
          NodeEvent.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setNodeId(bank.nodeId)
              .setSequence(deposit.getSequence())
              .setOccurredAt(deposit.getOccurredAt())
              .setRecordedAt(deposit.getRecordedAt())
              .setPayload(deposit.getPayload())
              .build();
      NodeBatch forked =
          NodeBatch.newBuilder()
              .setNodeId(bank.nodeId)
              .setFirstSequence(deposit.getSequence())
              .setPreviousBatchHash(BatchCodec.sha256(firstHash))
              .setEvents(new ArrayList<>(List.of(other)))
              .build();
      bank.send(
          BatchCodec.seal(forked, bank.keys.getPrivate(), Ed25519Keys.keyId(bank.keys.getPublic()))
              .value());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500&nodeId=" + bank.nodeId)
                      .then()
                      .body("items.reasonCode", hasItem("STREAM_FORK")));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/nodes/{n}/stream", bank.nodeId)
                      .then()
                      .body("suspendedReason", containsString("a second history")));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.REGULATOR, "regulator"))
          .get("/api/v1/notifications?size=500")
          .then()
          .body("findAll { it.subjectId == '" + bank.nodeId + "' }.kind", hasItem("STREAM_FORK"));
      given()
          .header("Authorization", "Bearer " + TestTokens.token(Roles.REGULATOR, "regulator"))
          .get("/q/metrics")
          .then()
          .body(containsString("tbx_streams_forked_total"));
      LedgerFlowsTest.awaitBalance(v, 60, 60);

      // The stream is suspended: the bank's next batch is held, not applied, until the operator
      // resumes it.
      NodeEvent later = bank.deposit(v, 15);
      bank.publish(later);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500&nodeId=" + bank.nodeId)
                      .then()
                      .body("items.reasonCode", hasItem("STREAM_SUSPENDED")));
      LedgerFlowsTest.awaitBalance(v, 60, 60);
      given()
          .post("/api/v1/nodes/{n}/stream/resumption", bank.nodeId)
          .then()
          .statusCode(200)
          .body("appliedEvents", equalTo(1));
      LedgerFlowsTest.awaitBalance(v, 75, 75);
      given()
          .get("/api/v1/nodes/{n}/stream", bank.nodeId)
          .then()
          .body("suspendedReason", nullValue())
          .body("lastSequence", equalTo((int) later.getSequence()));
      given().post("/api/v1/nodes/{n}/stream/resumption", bank.nodeId).then().statusCode(404);
    }
  }

  @Test
  void aRecordUnderAnotherKeyThanTheBanksIdIsRefused() {
    Person person = new Person();
    try (NodeTraffic bank = new NodeTraffic("keyed")) {
      bank.sendWithKey("someone-else", bank.batch(bank.enrolHome(person)));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/quarantine?size=500")
                      .then()
                      .body(
                          "items.findAll { it.nodeId == '" + bank.nodeId + "' }.reasonCode",
                          hasItem("RECORD_KEY_MISMATCH")));
      given()
          .get("/api/v1/quarantine?size=500")
          .then()
          .body("items.find { it.nodeId == '" + bank.nodeId + "' }.detail", notNullValue());
    }
  }
}
