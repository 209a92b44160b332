package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tbx.protocol.log.MemoryLog;
import org.tbx.protocol.log.MerkleTree;

/**
 * The regulator's check that the ledger still says what the log recorded: derives every leaf again from
 * the ledger tables and compares it with the stored leaf, and rebuilds the tree from the stored leaves to
 * compare its root with the newest signed checkpoint. A row edited directly in the database shows up with
 * its event id.
 */
@ApplicationScoped
public class LogAudit {

  private static final int CHUNK = 5_000;

  /** An event whose ledger rows no longer give the leaf the log holds. */
  public record Mismatch(long leafIndex, UUID eventId, String loggedLeafHash, String derivedLeafHash) {}

  /**
   * @param checkedLeaves how many leaves were derived again
   * @param checkpointSize size of the newest checkpoint, 0 when there is none
   * @param checkpointRootMatches whether the stored leaves still give that checkpoint's root
   */
  public record Report(long checkedLeaves, List<Mismatch> mismatches, long checkpointSize, boolean checkpointRootMatches) {
    public boolean clean() {
      return mismatches.isEmpty() && checkpointRootMatches;
    }
  }

  public Report run(Connection c) throws SQLException {
    List<Mismatch> mismatches = new ArrayList<>();
    MemoryLog rebuilt = new MemoryLog();
    long checked = 0;
    long from = 0;
    while (true) {
      List<Object[]> leaves = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "select leaf_index, event_id, leaf_hash from log_leaf where leaf_index >= ? order by leaf_index limit " + CHUNK)) {
        ps.setLong(1, from);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            leaves.add(new Object[] {rs.getLong(1), rs.getObject(2), rs.getBytes(3)});
          }
        }
      }
      if (leaves.isEmpty()) {
        break;
      }
      Map<UUID, byte[]> derived = LeafData.of(c, leaves.stream().map(l -> (UUID) l[1]).toList());
      for (Object[] l : leaves) {
        long index = (long) l[0];
        byte[] logged = (byte[]) l[2];
        byte[] data = derived.get((UUID) l[1]);
        byte[] again = data == null ? null : MerkleTree.leafHash(data);
        if (again == null || !Arrays.equals(again, logged)) {
          mismatches.add(new Mismatch(index, (UUID) l[1], HexFormat.of().formatHex(logged),
              again == null ? null : HexFormat.of().formatHex(again)));
        }
        rebuilt.appendLeafHash(logged);
        checked++;
        from = index + 1;
      }
    }
    long checkpointSize = 0;
    boolean rootMatches = true;
    try (PreparedStatement ps = c.prepareStatement(
        "select tree_size, root_hash from log_checkpoint order by tree_size desc limit 1");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        checkpointSize = rs.getLong(1);
        rootMatches = checkpointSize <= rebuilt.size() && Arrays.equals(rebuilt.root(checkpointSize), rs.getBytes(2));
      }
    }
    return new Report(checked, mismatches, checkpointSize, rootMatches);
  }
}
