package org.tbx.hub.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
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
import org.tbx.hub.TestBanks;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;

/**
 * Two consumers in one group, as two hub instances would be, while partitions move between them:
 * every event is applied exactly once.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class TwoHubInstancesTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Inject KafkaClients clients;
  @Inject IngestService ingest;
  @Inject ConsumedOffsets offsets;
  @Inject HubConfig config;
  @Inject DataSource dataSource;
  @Inject MeterRegistry metrics;

  @Test
  void partitionsMovingBetweenTwoInstancesApplyEveryEventOnce() throws Exception {
    NodeStreamConsumer second = new NodeStreamConsumer(clients, ingest, offsets, config, metrics);
    String prefix = "v-two-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    int banks = 6;
    int rounds = 8;
    List<TestBanks.Bank> traffic = new ArrayList<>();
    try {
      for (int b = 0; b < banks; b++) {
        traffic.add(TestBanks.open("pair" + b));
      }
      for (int round = 0; round < rounds; round++) {
        if (round == 2) {
          // A second instance joins the group and takes over some of the banks' partitions.
          second.start();
          await().atMost(Duration.ofSeconds(60)).until(() -> !second.assignment().isEmpty());
        }
        if (round == 5) {
          // It leaves again; its partitions move back to the first instance.
          second.stop();
        }
        for (int b = 0; b < banks; b++) {
          traffic.get(b).depositEach(prefix + b, 10, 25);
        }
      }
      for (int b = 0; b < banks; b++) {
        String v = prefix + b;
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    given()
                        .get("/api/v1/volunteers/{v}/balance", v)
                        .then()
                        .statusCode(200)
                        .body("balanceMinutes", equalTo(rounds * 10 * 25)));
      }
      for (TestBanks.Bank bank : traffic) {
        assertEquals(
            rounds * 10L,
            count("select count(*) from processed_event where node_id = '" + bank.nodeId() + "'"));
        assertEquals(
            rounds * 10L,
            count("select count(*) from transfer where node_id = '" + bank.nodeId() + "'"));
      }
    } finally {
      second.stop();
      traffic.forEach(TestBanks.Bank::close);
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
