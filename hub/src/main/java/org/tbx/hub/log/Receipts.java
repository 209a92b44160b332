package org.tbx.hub.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MerkleTree;

/**
 * An applied event's receipt: its place in the transparency log, checked now by deriving its leaf
 * again from the ledger rows and proving it into the newest signed checkpoint.
 */
@ApplicationScoped
public class Receipts {

  /** Whether an event's receipt holds. */
  public enum State {
    /** The leaf derived from the ledger is in the newest checkpoint's tree. */
    VERIFIED,
    /** In the log, after the newest checkpoint: the next one will cover it. */
    PENDING,
    /** In the log, but the ledger rows no longer give the leaf the checkpoint signed. */
    FAILED,
    /** Not in the log (a rejected event, or not applied yet). */
    NOT_LOGGED
  }

  /**
   * @param leafIndex the event's place in the log, null when not logged
   * @param treeSize the size of the checkpoint it was proved into, null unless verified or failed
   */
  public record Receipt(UUID eventId, State state, Long leafIndex, Long treeSize) {}

  private final LogRepository log;

  Receipts(LogRepository log) {
    this.log = log;
  }

  /**
   * @return the receipt of each event, in the order given
   */
  public List<Receipt> of(List<UUID> eventIds) {
    Optional<Checkpoint> checkpoint = log.latestCheckpoint();
    MerkleTree.Nodes nodes = log.nodes();
    return eventIds.stream().map(id -> receipt(id, checkpoint, nodes)).toList();
  }

  private Receipt receipt(UUID eventId, Optional<Checkpoint> checkpoint, MerkleTree.Nodes nodes) {
    Optional<Long> index = log.indexOf(eventId);
    if (index.isEmpty()) {
      return new Receipt(eventId, State.NOT_LOGGED, null, null);
    }
    long i = index.get();
    if (checkpoint.isEmpty() || i >= checkpoint.get().treeSize()) {
      return new Receipt(eventId, State.PENDING, i, null);
    }
    Checkpoint c = checkpoint.get();
    LeafData leaf = log.derive(List.of(eventId)).get(eventId);
    boolean holds =
        leaf != null
            && MerkleTree.verifyInclusion(
                i,
                c.treeSize(),
                MerkleTree.leafHash(leaf.bytes()),
                MerkleTree.inclusionProof(nodes, i, c.treeSize()),
                c.rootHash());
    return new Receipt(eventId, holds ? State.VERIFIED : State.FAILED, i, c.treeSize());
  }
}
