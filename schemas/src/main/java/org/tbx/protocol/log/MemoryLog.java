package org.tbx.protocol.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle log held in memory: leaf hashes and every complete subtree, kept as leaves are appended,
 * so roots and proofs need only logarithmic work. For verifiers that mirror a log, tests and
 * benchmarks.
 */
public final class MemoryLog implements MerkleTree.Nodes {

  private final List<List<byte[]>> levels = new ArrayList<>();

  /** Appends a leaf by its hash and completes the subtrees it closes; returns its index. */
  public long appendLeafHash(byte[] leafHash) {
    long index = size();
    byte[] hash = leafHash;
    long i = index;
    int level = 0;
    while (true) {
      if (levels.size() == level) {
        levels.add(new ArrayList<>());
      }
      levels.get(level).add(hash);
      if ((i & 1) == 0) {
        return index;
      }
      List<byte[]> row = levels.get(level);
      hash = MerkleTree.nodeHash(row.get(row.size() - 2), hash);
      i >>= 1;
      level++;
    }
  }

  public long size() {
    return levels.isEmpty() ? 0 : levels.get(0).size();
  }

  @Override
  public byte[] node(int level, long index) {
    return levels.get(level).get((int) index);
  }

  /**
   * @return the tree head of the first {@code size} leaves
   */
  public byte[] root(long size) {
    return MerkleTree.rangeHash(this, 0, size);
  }
}
