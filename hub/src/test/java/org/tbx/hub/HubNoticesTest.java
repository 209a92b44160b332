package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.LogCheckpoint;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;

/**
 * Every decision reaches the bank on its .in topic, in signed batches chained like the bank's own.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class HubNoticesTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void tellsTheBankWhatWasAcceptedRejectedAuthorizedAndDeclinedInSignedChainedBatches()
      throws Exception {
    Person person = new Person();
    String v = person.id;
    try (NodeTraffic bank = new NodeTraffic("xiamen")) {
      NodeEvent enrolment = bank.enrolHome(person);
      NodeEvent deposit = bank.deposit(v, 60);
      NodeEvent inflated = bank.deposit(UUID.randomUUID().toString(), v, 30, 300);
      bank.publish(enrolment, deposit, inflated);
      String granted = UUID.randomUUID().toString();
      String refused = UUID.randomUUID().toString();
      NodeEvent request = bank.redeem(person, granted, 40);
      bank.publish(request, bank.redeem(person, refused, 40));
      long garbageOffset = bank.send("not a batch".getBytes(StandardCharsets.UTF_8));

      String keyHex =
          given().get("/api/v1/hub/key").then().statusCode(200).extract().path("publicKeyHex");
      PublicKey hubKey = Ed25519Keys.publicKey(HexFormat.of().parseHex(keyHex));
      List<HubNotice> notices = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                notices.clear();
                List<HubNotice> all = readNotices(bank.nodeId, hubKey);
                // Checkpoints of the log come every second while it grows; the decisions are
                // counted apart.
                all.stream()
                    .filter(n -> !(n.getPayload() instanceof LogCheckpoint))
                    .forEach(notices::add);
                assertEquals(8, notices.size(), "notices so far: " + notices);
                assertTrue(
                    all.stream()
                        .anyMatch(
                            n ->
                                n.getPayload() instanceof LogCheckpoint cp && cp.getTreeSize() > 0),
                    "the bank receives the log's signed checkpoints");
              });
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof EventAccepted a
                          && a.getEventId().equals(deposit.getEventId())
                          && a.getLogIndex() != null),
          "an accepted event's notice carries its leaf index in the log: a receipt");

      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof EventAccepted a
                          && a.getEventId().equals(deposit.getEventId())
                          && a.getSequence() == deposit.getSequence()));
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof EventRejected r
                          && inflated.getEventId().equals(r.getEventId())
                          && r.getReason() == ReasonCode.CREDITED_MINUTES_MISMATCH));
      String holdId =
          given().get("/api/v1/redemptions/{r}", granted).then().extract().path("holdId");
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof RedemptionAuthorized a
                          && a.getRedemptionId().equals(granted)
                          && a.getHoldId().equals(holdId)
                          && a.getAuthorizedMinutes() == 40));
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof RedemptionDeclined d
                          && d.getRedemptionId().equals(refused)
                          && d.getReason() == ReasonCode.INSUFFICIENT_BALANCE));
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof EventRejected r
                          && r.getEventId() == null
                          && r.getKafkaOffset() == garbageOffset
                          && r.getReason() == ReasonCode.UNKNOWN_SCHEMA));
      assertTrue(
          notices.stream()
              .anyMatch(
                  n ->
                      n.getPayload() instanceof EventAccepted a
                          && a.getEventId().equals(request.getEventId())));
    }
  }

  /**
   * Reads the bank's .in topic from the start, checking each batch's signature, sequence and chain.
   */
  static List<HubNotice> readNotices(String nodeId, PublicKey hubKey) throws Exception {
    List<HubNotice> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            TbxTestResource.clientConfig(
                Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest")),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.nodeIn(nodeId)));
      byte[] previous = BatchCodec.GENESIS_HASH;
      long expected = 1;
      long deadline = System.currentTimeMillis() + 5000;
      int empty = 0;
      while (System.currentTimeMillis() < deadline && empty < 3) {
        var records = consumer.poll(Duration.ofMillis(300));
        empty = records.isEmpty() ? empty + 1 : 0;
        for (ConsumerRecord<String, byte[]> record : records) {
          BatchCodec.OpenedNotices opened = BatchCodec.openNotices(record.value());
          assertTrue(
              opened.signedBy(hubKey),
              "notice batch at offset " + record.offset() + " is signed by the hub");
          assertEquals(nodeId, opened.batch().getNodeId());
          assertEquals(expected, opened.batch().getFirstSequence());
          assertArrayEquals(previous, opened.batch().getPreviousBatchHash().bytes());
          previous = opened.batchHash();
          expected += opened.batch().getNotices().size();
          out.addAll(opened.batch().getNotices());
        }
      }
    }
    return out;
  }
}
