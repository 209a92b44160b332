package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.LogVerifier;
import org.tbx.protocol.log.MerkleTree;
import org.tbx.protocol.v1.NodeEvent;

/**
 * Every applied event lands in the log in the transaction that applies it; signed checkpoints,
 * inclusion and consistency proofs verify with nothing but the hub's key; a ledger row edited in
 * SQL is reported.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class TransparencyLogTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HexFormat HEX = HexFormat.of();

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL base;

  @Test
  void checkpointsAndProofsVerifyAndAnEditedLedgerRowIsReported() throws Exception {
    List<NodeEvent> first = new ArrayList<>();
    List<NodeEvent> second = new ArrayList<>();
    try (NodeTraffic bank = new NodeTraffic("loggers")) {
      for (int i = 0; i < 30; i++) {
        first.add(bank.deposit("v-log-" + i, 30 + 5 * (i % 10)));
      }
      bank.publish(first.toArray(NodeEvent[]::new));
      JsonPath early = awaitCheckpointCovering(first);

      for (int i = 0; i < 17; i++) {
        second.add(bank.deposit("v-log-" + i, 60));
      }
      bank.publish(second.toArray(NodeEvent[]::new));
      JsonPath later = awaitCheckpointCovering(second);

      var hubKey =
          Ed25519Keys.publicKey(
              HEX.parseHex(given().get("/api/v1/hub/key").then().extract().path("publicKeyHex")));
      Checkpoint a = checkpoint(early);
      Checkpoint b = checkpoint(later);
      assertTrue(a.signedBy(hubKey) && b.signedBy(hubKey), "checkpoints carry the hub's signature");
      assertFalse(
          new Checkpoint(a.treeSize() + 1, a.rootHash(), a.timestamp(), a.keyId(), a.signature())
              .signedBy(hubKey),
          "a checkpoint with a changed size does not verify");

      for (NodeEvent e : List.of(first.get(0), first.get(17), second.get(16))) {
        long size = e == second.get(16) ? b.treeSize() : a.treeSize();
        JsonPath proof =
            given()
                .get("/api/v1/log/inclusion?eventId={id}&treeSize={s}", e.getEventId(), size)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        byte[] data = proof.getString("leafData").getBytes(StandardCharsets.UTF_8);
        assertTrue(
            proof.getString("leafData").contains("event " + e.getEventId()),
            proof.getString("leafData"));
        byte[] leaf = MerkleTree.leafHash(data);
        assertEquals(proof.getString("leafHash"), HEX.formatHex(leaf));
        byte[] root = size == b.treeSize() ? b.rootHash() : a.rootHash();
        assertTrue(
            MerkleTree.verifyInclusion(proof.getLong("leafIndex"), size, leaf, hashes(proof), root),
            "inclusion of " + e.getEventId());
      }
      JsonPath consistency =
          given()
              .get("/api/v1/log/consistency?first={a}&second={b}", a.treeSize(), b.treeSize())
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertTrue(
          MerkleTree.verifyConsistency(
              a.treeSize(), b.treeSize(), a.rootHash(), b.rootHash(), hashes(consistency)));

      // The stand-alone verifier, given only the hub's key, agrees; and refuses a forged history or
      // key.
      String hub = base.toString().replaceAll("/$", "");
      String key = given().get("/api/v1/hub/key").then().extract().path("publicKeyHex");
      String since = a.treeSize() + ":" + HEX.formatHex(a.rootHash());
      String regulator = TestTokens.token(Roles.REGULATOR, "auditor");
      assertEquals(
          0,
          verify(
              "--hub",
              hub,
              "--key",
              key,
              "--event",
              first.get(3).getEventId(),
              "--since",
              since,
              "--token",
              regulator));
      assertEquals(
          2,
          verify("--hub", hub, "--key", key, "--event", first.get(3).getEventId()),
          "an event's proof needs a token");
      assertEquals(
          1,
          verify(
              "--hub",
              hub,
              "--key",
              key,
              "--since",
              a.treeSize() + ":" + HEX.formatHex(b.rootHash())));
      assertEquals(
          1,
          verify(
              "--hub",
              hub,
              "--key",
              HEX.formatHex(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic()))));
      assertEquals(2, verify("--hub", hub));

      // Bad requests get a 4xx that says why.
      given()
          .get("/api/v1/log/inclusion?eventId={id}", UUID.randomUUID())
          .then()
          .statusCode(404)
          .body("message", containsString("not in the log"));
      given()
          .get("/api/v1/log/inclusion?eventId=nope")
          .then()
          .statusCode(400)
          .body("message", containsString("UUID"));
      given()
          .get("/api/v1/log/inclusion?leafIndex={i}&treeSize={s}", a.treeSize(), a.treeSize())
          .then()
          .statusCode(400)
          .body("message", containsString("beyond"));
      given()
          .get("/api/v1/log/inclusion?leafIndex=0&treeSize=999999999")
          .then()
          .statusCode(400)
          .body("message", containsString("treeSize"));
      given()
          .get("/api/v1/log/consistency?first={b}&second={a}", b.treeSize(), a.treeSize())
          .then()
          .statusCode(400)
          .body("message", containsString("reversed"));
      given().get("/api/v1/log/consistency?first=1&second=999999999").then().statusCode(400);
      given()
          .get("/api/v1/log/consistency?first=x&second=2")
          .then()
          .statusCode(400)
          .body("message", containsString("first"));
      given().get("/api/v1/log/checkpoints/abc").then().statusCode(400);
      given()
          .get("/api/v1/log/checkpoints/{s}", a.treeSize())
          .then()
          .statusCode(200)
          .body("rootHash", equalTo(HEX.formatHex(a.rootHash())));

      // The regulator's audit: clean, then an amount edited directly in SQL is reported with its
      // event id.
      given()
          .post("/api/v1/log/audit")
          .then()
          .statusCode(200)
          .body("mismatches.size()", equalTo(0))
          .body("checkpointRootMatches", equalTo(true));
      String edited = first.get(5).getEventId();
      sql(
          "update transfer set amount_minutes = amount_minutes + 600 where event_id = '"
              + edited
              + "'");
      given()
          .post("/api/v1/log/audit")
          .then()
          .statusCode(200)
          .body("mismatches.size()", equalTo(1))
          .body("mismatches[0].eventId", equalTo(edited));
      JsonPath served =
          given().get("/api/v1/log/inclusion?eventId={id}", edited).then().extract().jsonPath();
      assertFalse(
          HEX.formatHex(
                  MerkleTree.leafHash(
                      served.getString("leafData").getBytes(StandardCharsets.UTF_8)))
              .equals(served.getString("leafHash")),
          "the edited row no longer gives the logged leaf");
      assertEquals(
          1,
          verify(
              "--hub",
              hub,
              "--key",
              key,
              "--event",
              edited,
              "--token",
              TestTokens.token(Roles.REGULATOR, "auditor")),
          "the verifier catches the edited row too");
      sql(
          "update transfer set amount_minutes = amount_minutes - 600 where event_id = '"
              + edited
              + "'");

      // A leaf rewritten in the log itself no longer gives the signed root.
      String saved = HEX.formatHex(leafHash(3));
      sql("update log_leaf set leaf_hash = sha256(leaf_hash) where leaf_index = 3");
      given()
          .post("/api/v1/log/audit")
          .then()
          .statusCode(200)
          .body("checkpointRootMatches", equalTo(false));
      sql("update log_leaf set leaf_hash = decode('" + saved + "', 'hex') where leaf_index = 3");
      given()
          .post("/api/v1/log/audit")
          .then()
          .statusCode(200)
          .body("mismatches.size()", equalTo(0))
          .body("checkpointRootMatches", equalTo(true));
    }
  }

  private static int verify(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new LogVerifier(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
    System.out.println(out.toString(StandardCharsets.UTF_8));
    return code;
  }

  private static JsonPath awaitCheckpointCovering(List<NodeEvent> events) {
    String last = events.get(events.size() - 1).getEventId();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> given().get("/api/v1/log/inclusion?eventId={id}", last).then().statusCode(200));
    return await()
        .atMost(WAIT)
        .until(
            () -> given().get("/api/v1/log/checkpoint").then().extract().jsonPath(),
            cp ->
                cp.getLong("treeSize") > 0
                    && given()
                            .get(
                                "/api/v1/log/inclusion?eventId={id}&treeSize={s}",
                                last,
                                cp.getLong("treeSize"))
                            .statusCode()
                        == 200);
  }

  private static Checkpoint checkpoint(JsonPath cp) {
    return new Checkpoint(
        cp.getLong("treeSize"),
        HEX.parseHex(cp.getString("rootHash")),
        cp.getLong("timestamp"),
        cp.getString("keyId"),
        HEX.parseHex(cp.getString("signature")));
  }

  private static List<byte[]> hashes(JsonPath proof) {
    return proof.getList("proof", String.class).stream().map(HEX::parseHex).toList();
  }

  private byte[] leafHash(long index) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select leaf_hash from log_leaf where leaf_index = " + index)) {
      rs.next();
      return rs.getBytes(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }
}
