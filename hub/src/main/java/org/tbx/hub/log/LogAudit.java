package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MemoryLog;
import org.tbx.protocol.log.MerkleTree;

/**
 * The regulator's check that the ledger still says what the log recorded: derives every leaf again
 * from the ledger tables and compares it with the stored leaf, and rebuilds the tree from the
 * stored leaves to compare its root with the newest signed checkpoint. A row edited directly in the
 * database shows up with its event id.
 */
@ApplicationScoped
public class LogAudit {

  private static final int CHUNK = 5_000;

  /** An event whose ledger rows no longer give the leaf the log holds. */
  public record Mismatch(
      long leafIndex, UUID eventId, String loggedLeafHash, String derivedLeafHash) {}

  /**
   * @param checkedLeaves how many leaves were derived again
   * @param checkpointSize size of the newest checkpoint, 0 when there is none
   * @param checkpointRootMatches whether the stored leaves still give that checkpoint's root
   */
  public record Report(
      long checkedLeaves,
      List<Mismatch> mismatches,
      long checkpointSize,
      boolean checkpointRootMatches) {
    public boolean clean() {
      return mismatches.isEmpty() && checkpointRootMatches;
    }
  }

  /** An audit's report and when it ran. */
  public record Run(Report report, Instant at) {}

  private final LogRepository repository;
  private final AtomicReference<Run> last = new AtomicReference<>();

  LogAudit(LogRepository repository) {
    this.repository = repository;
  }

  /**
   * @return the newest audit since the hub started, if any
   */
  public Optional<Run> last() {
    return Optional.ofNullable(last.get());
  }

  /** Derives every leaf again from the ledger and compares; remembers the report. */
  public Report run() {
    Report report = audit();
    last.set(new Run(report, Instant.now()));
    return report;
  }

  private Report audit() {
    List<Mismatch> mismatches = new ArrayList<>();
    MemoryLog rebuilt = new MemoryLog();
    long checked = 0;
    long from = 0;
    while (true) {
      List<LogRepository.Leaf> leaves = repository.leaves(from, CHUNK);
      if (leaves.isEmpty()) {
        break;
      }
      Map<UUID, LeafData> derived =
          repository.derive(leaves.stream().map(LogRepository.Leaf::eventId).toList());
      for (LogRepository.Leaf leaf : leaves) {
        LeafData data = derived.get(leaf.eventId());
        byte[] again = data == null ? null : MerkleTree.leafHash(data.bytes());
        if (again == null || !Arrays.equals(again, leaf.leafHash())) {
          mismatches.add(
              new Mismatch(
                  leaf.index(),
                  leaf.eventId(),
                  HexFormat.of().formatHex(leaf.leafHash()),
                  again == null ? null : HexFormat.of().formatHex(again)));
        }
        rebuilt.appendLeafHash(leaf.leafHash());
        checked++;
        from = leaf.index() + 1;
      }
    }
    long checkpointSize = 0;
    boolean rootMatches = true;
    Checkpoint newest = repository.latestCheckpoint().orElse(null);
    if (newest != null) {
      checkpointSize = newest.treeSize();
      rootMatches =
          checkpointSize <= rebuilt.size()
              && Arrays.equals(rebuilt.root(checkpointSize), newest.rootHash());
    }
    return new Report(checked, mismatches, checkpointSize, rootMatches);
  }
}
