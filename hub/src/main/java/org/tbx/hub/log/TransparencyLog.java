package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.log.MerkleTree;

/**
 * The hub's transparency log: appends a leaf for every applied event in the transaction that
 * applies it, and keeps every complete subtree in PostgreSQL so proofs are served from those rows
 * ({@link LogRepository}).
 */
@ApplicationScoped
public class TransparencyLog {

  private record Node(int level, long index, byte[] hash) {}

  private record LeafRow(long index, UUID eventId, byte[] hash) {}

  private final Jdbc jdbc;
  private final LogRepository repository;

  TransparencyLog(DataSource dataSource, LogRepository repository) {
    this.jdbc = new Jdbc(dataSource);
    this.repository = repository;
  }

  /**
   * Appends the events' leaves in the order given, under the log's head lock (held until commit).
   *
   * @return each event's leaf index
   */
  public Map<UUID, Long> append(List<LeafData> leaves) {
    Map<UUID, Long> indexes = new LinkedHashMap<>();
    if (leaves.isEmpty()) {
      return indexes;
    }
    long size = jdbc.number("select tree_size from log_head where id = 1 for update");
    Map<Integer, byte[]> waiting = frontier(size);
    List<LeafRow> leafRows = new ArrayList<>(leaves.size());
    List<Node> nodeRows = new ArrayList<>(leaves.size());
    for (LeafData leaf : leaves) {
      long index = size++;
      byte[] hash = MerkleTree.leafHash(leaf.bytes());
      leafRows.add(new LeafRow(index, leaf.eventId(), hash));
      int level = 0;
      long i = index;
      while ((i & 1) == 1) {
        hash = MerkleTree.nodeHash(waiting.remove(level), hash);
        level++;
        i >>= 1;
        nodeRows.add(new Node(level, i, hash));
      }
      waiting.put(level, hash);
      indexes.put(leaf.eventId(), index);
    }
    jdbc.copy(
        "log_leaf (leaf_index, event_id, leaf_hash)",
        leafRows,
        l -> new Object[] {l.index(), l.eventId(), l.hash()});
    jdbc.copy(
        "log_node (level, node_index, hash)",
        nodeRows,
        n -> new Object[] {n.level(), n.index(), n.hash()});
    jdbc.update("update log_head set tree_size = ? where id = 1", size);
    return indexes;
  }

  /**
   * The complete subtrees on the right edge of a tree of {@code size} leaves, waiting for a
   * sibling, by level.
   */
  private Map<Integer, byte[]> frontier(long size) {
    Map<Integer, byte[]> waiting = new HashMap<>();
    MerkleTree.Nodes nodes = repository.nodes();
    for (int level = 0; level < 63; level++) {
      if ((size >> level & 1) == 1) {
        waiting.put(level, nodes.node(level, (size >> level) - 1));
      }
    }
    return waiting;
  }
}
