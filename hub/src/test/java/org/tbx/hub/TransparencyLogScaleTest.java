package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.hub.log.CheckpointSigner;
import org.tbx.hub.log.LogRepository;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.log.MemoryLog;
import org.tbx.protocol.log.MerkleTree;

/**
 * The log kept in PostgreSQL at scale: 20,000 events appended in chunks as ingestion appends them,
 * a checkpoint after each chunk; proofs served by the API for random events and random checkpoint
 * pairs verify, the stored tree gives the same roots as one rebuilt in memory, and a tampered node
 * breaks them.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class TransparencyLogScaleTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final int EVENTS = 20_000;
  private static final int CHUNK = 1_000;
  private static final HexFormat HEX = HexFormat.of();

  @Inject DataSource dataSource;
  @Inject TransparencyLog log;
  @Inject LogRepository logged;
  @Inject CheckpointSigner signer;

  @Test
  void twentyThousandLoggedEventsProveInclusionAndConsistencyAndTamperingShows() throws Exception {
    String node = "scale-" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "insert into processed_event (event_id, node_id, sequence, event_type, payload_sha256, kafka_topic, "
            + "kafka_partition, kafka_offset) select gen_random_uuid(), '"
            + node
            + "', s, 'ServiceRecorded', "
            + "sha256(convert_to(s::text, 'UTF8')), 'tbx.node."
            + node
            + ".out', 0, s from generate_series(1, "
            + EVENTS
            + ") s");
    List<UUID> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select event_id from processed_event where node_id = ? order by sequence")) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add((UUID) rs.getObject(1));
        }
      }
    }
    Map<UUID, Long> index = new LinkedHashMap<>();
    for (int from = 0; from < EVENTS; from += CHUNK) {
      List<UUID> chunk = events.subList(from, from + CHUNK);
      index.putAll(
          QuarkusTransaction.requiringNew()
              .call(() -> log.append(List.copyOf(logged.derive(chunk).values()))));
      QuarkusTransaction.requiringNew().call(signer::signIfGrown);
    }

    Map<Long, byte[]> checkpoints = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select tree_size, root_hash from log_checkpoint order by tree_size")) {
      while (rs.next()) {
        checkpoints.put(rs.getLong(1), rs.getBytes(2));
      }
    }
    List<Long> sizes = new ArrayList<>(checkpoints.keySet());
    assertTrue(sizes.size() >= EVENTS / CHUNK, "a checkpoint per chunk at least: " + sizes.size());

    // The stored subtrees give the same roots as the whole log rebuilt in memory from its leaves.
    MemoryLog rebuilt = new MemoryLog();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select leaf_hash from log_leaf order by leaf_index")) {
      while (rs.next()) {
        rebuilt.appendLeafHash(rs.getBytes(1));
      }
    }
    for (long size : sizes) {
      assertArrayEquals(rebuilt.root(size), checkpoints.get(size), "root of checkpoint " + size);
    }

    Random random = new Random(7);
    for (int t = 0; t < 100; t++) {
      UUID event = events.get(random.nextInt(EVENTS));
      long leaf = index.get(event);
      List<Long> covering = sizes.stream().filter(s -> s > leaf).toList();
      long size = covering.get(random.nextInt(covering.size()));
      JsonPath proof =
          given()
              .get("/api/v1/log/inclusion?eventId={e}&treeSize={s}", event, size)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      byte[] leafHash =
          MerkleTree.leafHash(proof.getString("leafData").getBytes(StandardCharsets.UTF_8));
      assertTrue(
          MerkleTree.verifyInclusion(leaf, size, leafHash, hashes(proof), checkpoints.get(size)),
          event + " in " + size);
    }
    for (int t = 0; t < 50; t++) {
      long a = sizes.get(random.nextInt(sizes.size()));
      long b = sizes.get(random.nextInt(sizes.size()));
      long first = Math.min(a, b);
      long second = Math.max(a, b);
      JsonPath proof =
          given()
              .get("/api/v1/log/consistency?first={a}&second={b}", first, second)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertTrue(
          MerkleTree.verifyConsistency(
              first, second, checkpoints.get(first), checkpoints.get(second), hashes(proof)),
          first + " -> " + second);
    }

    // A stored subtree rewritten in SQL: proofs through it no longer verify against the signed
    // root.
    long size = sizes.get(sizes.size() - 1);
    UUID event = events.get(0);
    long leaf = index.get(event);
    String node8 = "level = 8 and node_index = " + ((leaf >> 8) ^ 1);
    byte[] original = bytes("select hash from log_node where " + node8);
    sql("update log_node set hash = sha256(hash) where " + node8);
    JsonPath proof =
        given()
            .get("/api/v1/log/inclusion?eventId={e}&treeSize={s}", event, size)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertFalse(
        MerkleTree.verifyInclusion(
            leaf,
            size,
            MerkleTree.leafHash(proof.getString("leafData").getBytes(StandardCharsets.UTF_8)),
            hashes(proof),
            checkpoints.get(size)),
        "a tampered node is caught");
    sql(
        "update log_node set hash = decode('"
            + HEX.formatHex(original)
            + "', 'hex') where "
            + node8);
  }

  private static List<byte[]> hashes(JsonPath proof) {
    return proof.getList("proof", String.class).stream().map(HEX::parseHex).toList();
  }

  private byte[] bytes(String query) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      assertTrue(rs.next(), query);
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
