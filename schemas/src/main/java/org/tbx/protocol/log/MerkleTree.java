package org.tbx.protocol.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1: leaf and node hashes,
 * the tree head of a range of leaves, inclusion and consistency proofs, and their verification.
 * Uses nothing but the JDK, so a verifier can run it anywhere.
 */
public final class MerkleTree {

  /** Where the hashes of complete subtrees come from: the hub's tables, or memory. */
  @FunctionalInterface
  public interface Nodes {
    /**
     * @return the hash of the complete subtree of 2^level leaves starting at leaf {@code index <<
     *     level}; level 0 is the leaf hash
     */
    byte[] node(int level, long index);
  }

  private MerkleTree() {}

  /**
   * @return SHA-256(0x00 || data)
   */
  public static byte[] leafHash(byte[] data) {
    MessageDigest d = sha256();
    d.update((byte) 0);
    return d.digest(data);
  }

  /**
   * @return SHA-256(0x01 || left || right)
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 1);
    d.update(left);
    return d.digest(right);
  }

  /**
   * @return the tree head MTH of the leaves with these hashes (at least one)
   */
  public static byte[] root(List<byte[]> leafHashes) {
    return rangeHash((level, index) -> subtree(leafHashes, level, index), 0, leafHashes.size());
  }

  private static byte[] subtree(List<byte[]> leaves, int level, long index) {
    long start = index << level;
    if (level == 0) {
      return leaves.get((int) start);
    }
    return nodeHash(
        subtree(leaves, level - 1, index * 2), subtree(leaves, level - 1, index * 2 + 1));
  }

  /**
   * @return MTH(D[start:end]) for a non-empty range whose complete subtrees come from {@code nodes}
   */
  public static byte[] rangeHash(Nodes nodes, long start, long end) {
    long n = end - start;
    if (n < 1) {
      throw new IllegalArgumentException("empty range " + start + ".." + end);
    }
    if (Long.bitCount(n) == 1 && start % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return nodes.node(level, start >> level);
    }
    long k = largestPowerOfTwoBelow(n);
    return nodeHash(rangeHash(nodes, start, start + k), rangeHash(nodes, start + k, end));
  }

  /**
   * @return the inclusion proof PATH(index, D[size]), bottom up
   */
  public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(nodes, index, 0, size, proof);
    return proof;
  }

  private static void path(Nodes nodes, long m, long start, long n, List<byte[]> out) {
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(nodes, m, start, k, out);
      out.add(rangeHash(nodes, start + k, start + n));
    } else {
      path(nodes, m - k, start + k, n - k, out);
      out.add(rangeHash(nodes, start, start + k));
    }
  }

  /**
   * @return the consistency proof PROOF(first, D[second]) for 0 &lt; first &lt;= second
   */
  public static List<byte[]> consistencyProof(Nodes nodes, long first, long second) {
    if (first < 1 || first > second) {
      throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
    }
    List<byte[]> proof = new ArrayList<>();
    subproof(nodes, first, 0, second, true, proof);
    return proof;
  }

  private static void subproof(
      Nodes nodes, long m, long start, long n, boolean whole, List<byte[]> out) {
    if (m == n) {
      if (!whole) {
        out.add(rangeHash(nodes, start, start + n));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(nodes, m, start, k, whole, out);
      out.add(rangeHash(nodes, start + k, start + n));
    } else {
      subproof(nodes, m - k, start + k, n - k, false, out);
      out.add(rangeHash(nodes, start, start + k));
    }
  }

  /**
   * RFC 9162 2.1.3.2: does {@code proof} show the leaf at {@code index} in the tree of {@code size}
   * with this root?
   */
  public static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || leafHash == null || root == null) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /**
   * RFC 9162 2.1.4.2: does {@code proof} show that the tree of {@code second} leaves extends the
   * one of {@code first}?
   */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    if (first < 1 || first > second || firstRoot == null || secondRoot == null) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
  }

  /**
   * @return the largest power of two strictly below n, for n &gt;= 2
   */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
