package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tbx.protocol.log.MerkleTree;

/**
 * The hub's transparency log: appends a leaf for every applied event in the transaction that applies it,
 * keeps every complete subtree in PostgreSQL, and serves tree heads and proofs from those rows.
 */
@ApplicationScoped
public class TransparencyLog {

  /**
   * Appends the events' leaves in the order given, under the log's head lock (held until commit).
   *
   * @return each event's leaf index
   */
  public Map<UUID, Long> append(Connection c, List<UUID> eventIds) throws SQLException {
    Map<UUID, Long> indexes = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return indexes;
    }
    long size;
    try (PreparedStatement ps = c.prepareStatement("select tree_size from log_head where id = 1 for update");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      size = rs.getLong(1);
    }
    Map<Integer, byte[]> waiting = frontier(c, size);
    Map<UUID, byte[]> data = LeafData.of(c, eventIds);
    if (data.size() != eventIds.size()) {
      // Never log a partial batch: the transaction fails and the poll is retried.
      throw new IllegalStateException((eventIds.size() - data.size()) + " applied events have no processed-event row");
    }
    try (PreparedStatement leaves = c.prepareStatement(
            "insert into log_leaf (leaf_index, event_id, leaf_hash) values (?, ?, ?)");
        PreparedStatement nodes = c.prepareStatement(
            "insert into log_node (level, node_index, hash) values (?, ?, ?)")) {
      for (Map.Entry<UUID, byte[]> e : data.entrySet()) {
        long index = size++;
        byte[] hash = MerkleTree.leafHash(e.getValue());
        leaves.setLong(1, index);
        leaves.setObject(2, e.getKey());
        leaves.setBytes(3, hash);
        leaves.addBatch();
        int level = 0;
        long i = index;
        while ((i & 1) == 1) {
          hash = MerkleTree.nodeHash(waiting.remove(level), hash);
          level++;
          i >>= 1;
          nodes.setInt(1, level);
          nodes.setLong(2, i);
          nodes.setBytes(3, hash);
          nodes.addBatch();
        }
        waiting.put(level, hash);
        indexes.put(e.getKey(), index);
      }
      leaves.executeBatch();
      nodes.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("update log_head set tree_size = ? where id = 1")) {
      ps.setLong(1, size);
      ps.executeUpdate();
    }
    return indexes;
  }

  /** The complete subtrees on the right edge of a tree of {@code size} leaves, waiting for a sibling, by level. */
  private static Map<Integer, byte[]> frontier(Connection c, long size) throws SQLException {
    Map<Integer, byte[]> waiting = new HashMap<>();
    Nodes nodes = new Nodes(c);
    for (int level = 0; level < 63; level++) {
      if ((size >> level & 1) == 1) {
        waiting.put(level, nodes.node(level, (size >> level) - 1));
      }
    }
    return waiting;
  }

  /** @return the number of leaves in the log */
  public long size(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select tree_size from log_head where id = 1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** @return the leaf index of an event, if it is in the log */
  public Optional<Long> indexOf(Connection c, UUID eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select leaf_index from log_leaf where event_id = ?")) {
      ps.setObject(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Complete subtree hashes read from the log's tables, each read once per request. */
  public static final class Nodes implements MerkleTree.Nodes {
    private final Connection c;
    private final Map<String, byte[]> cache = new HashMap<>();

    public Nodes(Connection c) {
      this.c = c;
    }

    @Override
    public byte[] node(int level, long index) {
      return cache.computeIfAbsent(level + ":" + index, k -> read(level, index));
    }

    private byte[] read(int level, long index) {
      String sql = level == 0
          ? "select leaf_hash from log_leaf where leaf_index = ?"
          : "select hash from log_node where level = ? and node_index = ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (level == 0) {
          ps.setLong(1, index);
        } else {
          ps.setInt(1, level);
          ps.setLong(2, index);
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("the log has no node at level " + level + ", index " + index);
          }
          return rs.getBytes(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("reading the log failed: " + e.getMessage(), e);
      }
    }
  }
}
