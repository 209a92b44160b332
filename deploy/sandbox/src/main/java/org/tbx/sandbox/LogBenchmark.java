package org.tbx.sandbox;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MemoryLog;
import org.tbx.protocol.log.MerkleTree;

/**
 * Proof sizes and the cost of making and checking proofs at 10^6 and 10^9 leaves, next to one
 * Ed25519 checkpoint-signature check measured in the same run (what a verifier does anyway). 10^6
 * leaves are a real tree in memory; 10^9 leaves cannot be, so its proofs are made over a stand-in
 * whose subtree hashes are derived from their position (same shape, same number of hashes read and
 * computed), and their verification time is the same work on hashes that do not chain.
 *
 * <pre>java -cp deploy/sandbox/target/tbx-sandbox.jar org.tbx.sandbox.LogBenchmark</pre>
 */
public final class LogBenchmark {

  private static final int PROOFS = 20_000;

  private LogBenchmark() {}

  public static void main(String[] args) throws Exception {
    Random random = new Random(3);
    KeyPair keys = Ed25519Keys.generate();
    byte[] root = MerkleTree.leafHash(new byte[] {1});
    Checkpoint cp =
        Checkpoint.sign(1_000_000, root, System.currentTimeMillis(), "bench", keys.getPrivate());
    for (int i = 0; i < 2_000; i++) {
      cp.signedBy(keys.getPublic());
    }
    long start = System.nanoTime();
    for (int i = 0; i < PROOFS; i++) {
      cp.signedBy(keys.getPublic());
    }
    double signature = micros(start, PROOFS);
    say("baseline: one Ed25519 checkpoint signature check %.1f us", signature);

    MemoryLog log = new MemoryLog();
    start = System.nanoTime();
    for (int i = 0; i < 1_000_000; i++) {
      log.appendLeafHash(MerkleTree.leafHash(ByteBuffer.allocate(8).putLong(i).array()));
    }
    say("10^6 leaves appended in memory in %.2f s", (System.nanoTime() - start) / 1e9);
    measure("10^6", 1_000_000, log, log.root(1_000_000), random, signature, true);

    MerkleTree.Nodes standIn = LogBenchmark::positionHash;
    long billion = 1_000_000_000L;
    measure(
        "10^9",
        billion,
        standIn,
        MerkleTree.rangeHash(standIn, 0, billion),
        random,
        signature,
        false);
  }

  private static void measure(
      String name,
      long size,
      MerkleTree.Nodes nodes,
      byte[] root,
      Random random,
      double baseline,
      boolean real) {
    long[] leaves = new long[PROOFS];
    for (int i = 0; i < PROOFS; i++) {
      leaves[i] = (long) (random.nextDouble() * size);
    }
    @SuppressWarnings("unchecked")
    List<byte[]>[] proofs = new List[PROOFS];
    long start = System.nanoTime();
    long hashes = 0;
    int longest = 0;
    for (int i = 0; i < PROOFS; i++) {
      proofs[i] = MerkleTree.inclusionProof(nodes, leaves[i], size);
      hashes += proofs[i].size();
      longest = Math.max(longest, proofs[i].size());
    }
    double make = micros(start, PROOFS);
    start = System.nanoTime();
    int verified = 0;
    for (int i = 0; i < PROOFS; i++) {
      if (MerkleTree.verifyInclusion(leaves[i], size, nodes.node(0, leaves[i]), proofs[i], root)) {
        verified++;
      }
    }
    double check = micros(start, PROOFS);
    say(
        "%s leaves: inclusion proof %.1f hashes on average, at most %d (%,d bytes); made in %.1f us, verified in %.1f us "
            + "(%.1f%% of a signature check)%s",
        name,
        (double) hashes / PROOFS,
        longest,
        longest * 32,
        make,
        check,
        100 * check / baseline,
        real ? ", " + verified + "/" + PROOFS + " verified" : " (stand-in hashes)");

    long consistencyHashes = 0;
    int longestConsistency = 0;
    start = System.nanoTime();
    @SuppressWarnings("unchecked")
    List<byte[]>[] consistency = new List[PROOFS];
    long[] firsts = new long[PROOFS];
    for (int i = 0; i < PROOFS; i++) {
      firsts[i] = 1 + (long) (random.nextDouble() * (size - 1));
      consistency[i] = MerkleTree.consistencyProof(nodes, firsts[i], size);
      consistencyHashes += consistency[i].size();
      longestConsistency = Math.max(longestConsistency, consistency[i].size());
    }
    double makeConsistency = micros(start, PROOFS);
    start = System.nanoTime();
    int consistent = 0;
    for (int i = 0; i < PROOFS; i++) {
      if (MerkleTree.verifyConsistency(
          firsts[i], size, MerkleTree.rangeHash(nodes, 0, firsts[i]), root, consistency[i])) {
        consistent++;
      }
    }
    double checkConsistency = micros(start, PROOFS);
    say(
        "%s leaves: consistency proof %.1f hashes on average, at most %d (%,d bytes); made in %.1f us, verified in %.1f us "
            + "(including the older root)%s",
        name,
        (double) consistencyHashes / PROOFS,
        longestConsistency,
        longestConsistency * 32,
        makeConsistency,
        checkConsistency,
        real ? ", " + consistent + "/" + PROOFS + " verified" : " (stand-in hashes)");
  }

  /** A stand-in subtree hash: SHA-256 of its level and index. */
  private static byte[] positionHash(int level, long index) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(ByteBuffer.allocate(12).putInt(level).putLong(index).array());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double micros(long start, int n) {
    return (System.nanoTime() - start) / 1e3 / n;
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
