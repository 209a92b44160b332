package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MerkleTree;

/**
 * The log's tables read back: leaves, subtrees, checkpoints, and leaf data derived again from the
 * ledger.
 */
@ApplicationScoped
public class LogRepository {

  /** A stored leaf. */
  public record Leaf(long index, UUID eventId, byte[] leafHash) {}

  private final Jdbc jdbc;

  LogRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return the number of leaves in the log
   */
  public long size() {
    return jdbc.number("select tree_size from log_head where id = 1");
  }

  /**
   * @return the leaf index of an event, if it is in the log
   */
  public Optional<Long> indexOf(UUID eventId) {
    return jdbc.first(
        "select leaf_index from log_leaf where event_id = ?", rs -> rs.getLong(1), eventId);
  }

  /**
   * @return the event of a leaf
   */
  public Optional<UUID> eventAt(long index) {
    return jdbc.first(
        "select event_id from log_leaf where leaf_index = ?", rs -> (UUID) rs.getObject(1), index);
  }

  /**
   * @return up to {@code limit} leaves from {@code from} on, in order
   */
  public List<Leaf> leaves(long from, int limit) {
    return jdbc.list(
        "select leaf_index, event_id, leaf_hash from log_leaf where leaf_index >= ? order by leaf_index limit ?",
        rs -> new Leaf(rs.getLong(1), (UUID) rs.getObject(2), rs.getBytes(3)),
        from,
        limit);
  }

  /**
   * @return the newest checkpoint, if one was signed
   */
  public Optional<Checkpoint> latestCheckpoint() {
    return checkpoint("order by tree_size desc limit 1");
  }

  /**
   * @return the checkpoint signed at a tree size, if any
   */
  public Optional<Checkpoint> checkpointAt(long treeSize) {
    return checkpoint("where tree_size = ?", treeSize);
  }

  /**
   * Stores a checkpoint; a second one of the same size is ignored. @return whether it was stored
   */
  public boolean store(Checkpoint c) {
    return jdbc.update(
            "insert into log_checkpoint (tree_size, root_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing",
            c.treeSize(),
            c.rootHash(),
            c.timestamp(),
            c.keyId(),
            c.signature())
        == 1;
  }

  /**
   * Derives each event's leaf data again from the ledger tables (its processed-event row and its
   * transfers).
   *
   * @return each event's leaf data, in the order given; an event without a processed row is missing
   */
  public Map<UUID, LeafData> derive(List<UUID> eventIds) {
    Map<UUID, List<Transfer>> transfers = new HashMap<>();
    UUID[] ids = eventIds.toArray(UUID[]::new);
    jdbc.list(
            "select event_id, debit_account_id, credit_account_id, amount_minutes, code, node_id from transfer "
                + "where event_id = any(?) order by id",
            rs ->
                new Transfer(
                    (UUID) rs.getObject(1),
                    Account.parse(rs.getString(2)),
                    Account.parse(rs.getString(3)),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getString(6),
                    null,
                    null,
                    null),
            (Object) ids)
        .forEach(t -> transfers.computeIfAbsent(t.eventId(), k -> new ArrayList<>()).add(t));
    Map<UUID, LeafData> found = new HashMap<>();
    jdbc.list(
            "select event_id, node_id, sequence, event_type, payload_sha256 from processed_event "
                + "where event_id = any(?)",
            rs -> {
              UUID id = (UUID) rs.getObject(1);
              return new LeafData(
                  id,
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getBytes(5),
                  transfers.getOrDefault(id, List.of()));
            },
            (Object) ids)
        .forEach(d -> found.put(d.eventId(), d));
    Map<UUID, LeafData> out = new LinkedHashMap<>();
    for (UUID id : eventIds) {
      if (found.containsKey(id)) {
        out.put(id, found.get(id));
      }
    }
    return out;
  }

  /**
   * @return complete subtree hashes read from the log's tables, each read once per use
   */
  public MerkleTree.Nodes nodes() {
    Map<String, byte[]> cache = new HashMap<>();
    return (level, index) ->
        cache.computeIfAbsent(
            level + ":" + index,
            k ->
                (level == 0
                        ? jdbc.first(
                            "select leaf_hash from log_leaf where leaf_index = ?",
                            rs -> rs.getBytes(1),
                            index)
                        : jdbc.first(
                            "select hash from log_node where level = ? and node_index = ?",
                            rs -> rs.getBytes(1),
                            level,
                            index))
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "the log has no node at level " + level + ", index " + index)));
  }

  private Optional<Checkpoint> checkpoint(String clause, Object... args) {
    return jdbc.first(
        "select tree_size, root_hash, signed_at, key_id, signature from log_checkpoint " + clause,
        rs ->
            new Checkpoint(
                rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)),
        args);
  }
}
