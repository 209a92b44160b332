package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ingest.NodeStreamConsumer;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.NodeEvent;

/**
 * Stopping the hub's consumer mid-stream and starting it again gives exactly the balances of an
 * uninterrupted run.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class RestartSafetyTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Inject NodeStreamConsumer consumer;
  @Inject DataSource dataSource;

  @Test
  void balancesAfterAStopAndRestartMidStreamAreThoseOfAnUninterruptedRun() throws Exception {
    String prefix = "v-restart-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    int volunteers = 20;
    int batches = 60;
    int perBatch = 50;
    long[] expected = new long[volunteers];
    try (NodeTraffic bank = new NodeTraffic("restart")) {
      List<byte[]> records = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        NodeEvent[] events = new NodeEvent[perBatch];
        for (int i = 0; i < perBatch; i++) {
          int v = (b * perBatch + i) % volunteers;
          int minutes = 5 + 5 * ((b + i) % 12);
          expected[v] += minutes;
          events[i] = bank.deposit(prefix + v, minutes);
        }
        records.add(bank.batch(events));
      }
      // The first half goes out; the consumer stops once it has committed some of it, whatever poll
      // it
      // was in; the second half arrives while it is stopped; then it starts again from its stored
      // offsets.
      long last = -1;
      for (byte[] record : records.subList(0, batches / 2)) {
        last = bank.send(record);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> nextOffset(bank.topic()) > 0);
      consumer.stop();
      long stoppedAt = nextOffset(bank.topic());
      for (byte[] record : records.subList(batches / 2, batches)) {
        last = bank.send(record);
      }
      assertEquals(
          stoppedAt,
          nextOffset(bank.topic()),
          "nothing is committed while the consumer is stopped");
      consumer.start();
      long end = last + 1;
      await().atMost(Duration.ofSeconds(60)).until(() -> nextOffset(bank.topic()) == end);
      System.out.printf("consumer stopped at offset %d of %d and resumed%n", stoppedAt, end);
      assertTrue(
          stoppedAt >= 1 && stoppedAt < end, "the consumer stopped mid-stream, at " + stoppedAt);

      for (int v = 0; v < volunteers; v++) {
        given()
            .get("/api/v1/volunteers/{v}/balance", prefix + v)
            .then()
            .statusCode(200)
            .body("balanceMinutes", equalTo((int) expected[v]));
      }
      assertEquals(
          (long) batches * perBatch,
          number("select count(*) from processed_event where node_id = '" + bank.nodeId + "'"));
      assertEquals(
          (long) batches * perBatch,
          number("select count(*) from transfer where node_id = '" + bank.nodeId + "'"));
    }
  }

  private long nextOffset(String topic) throws Exception {
    return number(
        "select coalesce(max(next_offset), 0) from consumed_offset where topic = '" + topic + "'");
  }

  private long number(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
