package org.tbx.node.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** The node's event stream: the last gapless sequence number handed out. */
@Entity
@Table(name = "node_stream")
public class NodeStream extends PanacheEntityBase {

  @Id
  @Column(name = "node_id")
  public String nodeId;

  @Column(name = "last_sequence")
  public long lastSequence;

  /** SHA-256 of the last sealed batch's body; 32 zero bytes before the first. */
  @Column(name = "last_batch_hash")
  public byte[] lastBatchHash;

  /**
   * @return the stream row, locked for this transaction, created at 0 on first use
   */
  static NodeStream lock(String nodeId) {
    NodeStream stream = findById(nodeId, LockModeType.PESSIMISTIC_WRITE);
    if (stream == null) {
      stream = new NodeStream();
      stream.nodeId = nodeId;
      stream.lastSequence = 0;
      stream.lastBatchHash = new byte[32];
      stream.persistAndFlush();
    }
    return stream;
  }
}
