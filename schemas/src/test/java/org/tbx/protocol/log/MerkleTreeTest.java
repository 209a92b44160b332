package org.tbx.protocol.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Merkle tree against RFC 9162's reference test data (tree heads of the RFC 6962 test leaves
 * and the Go reference implementation's proof vectors), then against itself on a 100,000-leaf log.
 */
class MerkleTreeTest {

  private static JsonNode vectors;
  private static final HexFormat HEX = HexFormat.of();

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = MerkleTreeTest.class.getResourceAsStream("/rfc9162/vectors.json")) {
      vectors = new ObjectMapper().readTree(in);
    }
  }

  private static List<byte[]> testLeafHashes() {
    List<byte[]> hashes = new ArrayList<>();
    vectors.get("leaves").forEach(l -> hashes.add(MerkleTree.leafHash(HEX.parseHex(l.asText()))));
    return hashes;
  }

  @Test
  void treeHeadsOfTheReferenceLeavesMatchForEverySize() {
    List<byte[]> leaves = testLeafHashes();
    MemoryLog log = new MemoryLog();
    leaves.forEach(log::appendLeafHash);
    for (int size = 1; size <= leaves.size(); size++) {
      String expected = vectors.get("roots").get(size - 1).asText();
      assertEquals(
          expected,
          HEX.formatHex(MerkleTree.root(leaves.subList(0, size))),
          "MTH of " + size + " leaves");
      assertEquals(
          expected, HEX.formatHex(log.root(size)), "incremental root of " + size + " leaves");
    }
  }

  @Test
  void referenceInclusionVectorsVerifyAsExpectedAndOurProofsEqualThem() {
    MemoryLog log = new MemoryLog();
    testLeafHashes().forEach(log::appendLeafHash);
    for (JsonNode v : vectors.get("inclusion")) {
      List<byte[]> proof = hashes(v.get("proof"));
      boolean ok =
          MerkleTree.verifyInclusion(
              v.get("leafIdx").asLong(),
              v.get("treeSize").asLong(),
              b64(v.get("leafHash")),
              proof,
              b64(v.get("root")));
      assertEquals(!v.get("wantErr").asBoolean(), ok, v.get("file").asText());
      if (!v.get("wantErr").asBoolean()) {
        assertSameHashes(
            proof,
            MerkleTree.inclusionProof(log, v.get("leafIdx").asLong(), v.get("treeSize").asLong()),
            v.get("file").asText());
      }
    }
  }

  @Test
  void referenceConsistencyVectorsVerifyAsExpectedAndOurProofsEqualThem() {
    MemoryLog log = new MemoryLog();
    testLeafHashes().forEach(log::appendLeafHash);
    for (JsonNode v : vectors.get("consistency")) {
      List<byte[]> proof = hashes(v.get("proof"));
      long first = v.get("size1").asLong();
      long second = v.get("size2").asLong();
      boolean ok =
          MerkleTree.verifyConsistency(
              first, second, b64(v.get("root1")), b64(v.get("root2")), proof);
      assertEquals(!v.get("wantErr").asBoolean(), ok, v.get("file").asText());
      if (!v.get("wantErr").asBoolean()) {
        assertSameHashes(
            proof, MerkleTree.consistencyProof(log, first, second), v.get("file").asText());
      }
    }
  }

  @Test
  void everyProofOfASmallTreeVerifiesAndNoTamperedOneDoes() {
    MemoryLog log = new MemoryLog();
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      byte[] leaf = MerkleTree.leafHash(("leaf " + n).getBytes());
      leaves.add(leaf);
      log.appendLeafHash(leaf);
      byte[] root = log.root(n);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(log, i, n);
        assertTrue(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof, root), i + " in " + n);
        assertFalse(
            MerkleTree.verifyInclusion(i, n, leaves.get((i + 1) % n), proof, root) && n > 1,
            "wrong leaf");
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = MerkleTree.consistencyProof(log, m, n);
        assertTrue(MerkleTree.verifyConsistency(m, n, log.root(m), root, proof), m + " -> " + n);
        if (m < n) {
          assertFalse(
              MerkleTree.verifyConsistency(
                  m, n, log.root(m), MerkleTree.leafHash(new byte[] {9}), proof));
        }
      }
    }
  }

  @Test
  void aHundredThousandLeavesRandomProofsVerifyAndTamperingIsCaught() {
    MemoryLog log = new MemoryLog();
    List<byte[]> leaves = new ArrayList<>();
    List<Long> checkpoints = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      byte[] leaf = MerkleTree.leafHash(("event " + i).getBytes());
      leaves.add(leaf);
      log.appendLeafHash(leaf);
      if ((i + 1) % 997 == 0) {
        checkpoints.add(log.size());
      }
    }
    checkpoints.add(log.size());
    Random random = new Random(42);
    for (int t = 0; t < 500; t++) {
      long size = checkpoints.get(random.nextInt(checkpoints.size()));
      long index = (long) (random.nextDouble() * size);
      byte[] root = log.root(size);
      List<byte[]> proof = MerkleTree.inclusionProof(log, index, size);
      assertTrue(MerkleTree.verifyInclusion(index, size, leaves.get((int) index), proof, root));
      assertFalse(
          MerkleTree.verifyInclusion(index, size, flip(leaves.get((int) index)), proof, root),
          "tampered leaf");
      List<byte[]> tampered = new ArrayList<>(proof);
      int at = random.nextInt(tampered.size());
      tampered.set(at, flip(tampered.get(at)));
      assertFalse(
          MerkleTree.verifyInclusion(index, size, leaves.get((int) index), tampered, root),
          "tampered proof");
      assertFalse(
          MerkleTree.verifyInclusion(index, size, leaves.get((int) index), proof, flip(root)),
          "tampered root");

      long a = checkpoints.get(random.nextInt(checkpoints.size()));
      long b = checkpoints.get(random.nextInt(checkpoints.size()));
      long first = Math.min(a, b);
      long second = Math.max(a, b);
      List<byte[]> consistency = MerkleTree.consistencyProof(log, first, second);
      assertTrue(
          MerkleTree.verifyConsistency(
              first, second, log.root(first), log.root(second), consistency));
      if (first < second) {
        assertFalse(
            MerkleTree.verifyConsistency(
                first, second, flip(log.root(first)), log.root(second), consistency),
            "tampered older checkpoint");
        List<byte[]> bad = new ArrayList<>(consistency);
        bad.set(0, flip(bad.get(0)));
        assertFalse(
            MerkleTree.verifyConsistency(first, second, log.root(first), log.root(second), bad),
            "tampered proof");
      }
    }
  }

  private static byte[] flip(byte[] hash) {
    byte[] copy = hash.clone();
    copy[7] ^= 0x10;
    return copy;
  }

  private static void assertSameHashes(List<byte[]> expected, List<byte[]> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), what + " element " + i);
    }
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    if (array != null) {
      array.forEach(h -> out.add(b64(h)));
    }
    return out;
  }

  private static byte[] b64(JsonNode node) {
    return Base64.getDecoder().decode(node.asText());
  }
}
