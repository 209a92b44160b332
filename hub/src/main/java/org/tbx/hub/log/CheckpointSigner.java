package org.tbx.hub.log;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.tbx.hub.notice.HubKeys;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.kit.keys.SigningKey;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MerkleTree;
import org.tbx.protocol.v1.LogCheckpoint;
import org.tbx.protocol.v1.Sha256;

/**
 * Signs a checkpoint of the log whenever it grew (looked at every {@code
 * tbx.hub.checkpoint-interval}), stores it and sends it to every registered bank as a notice, in
 * one transaction.
 */
@ApplicationScoped
public class CheckpointSigner {

  private final LogRepository repository;
  private final HubKeys keys;
  private final NoticeOutbox notices;
  private final NodeRegistry registry;
  private final Clock clock;
  private volatile boolean stopping;

  CheckpointSigner(
      LogRepository repository,
      HubKeys keys,
      NoticeOutbox notices,
      NodeRegistry registry,
      Clock clock) {
    this.repository = repository;
    this.keys = keys;
    this.notices = notices;
    this.registry = registry;
    this.clock = clock;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.hub.checkpoint-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    if (stopping) {
      return;
    }
    try {
      QuarkusTransaction.requiringNew().call(this::signIfGrown);
    } catch (RuntimeException e) {
      if (stopping) {
        Log.debugf("signing a log checkpoint stopped by the shutdown: %s", e);
      } else {
        Log.error("signing a log checkpoint failed; it retries on its next turn", e);
      }
    }
  }

  /**
   * @return the new checkpoint, when the log grew since the last one; call in a transaction
   */
  public Optional<Checkpoint> signIfGrown() {
    long size = repository.size();
    long latest = repository.latestCheckpoint().map(Checkpoint::treeSize).orElse(0L);
    if (size == 0 || size <= latest) {
      return Optional.empty();
    }
    byte[] root = MerkleTree.rangeHash(repository.nodes(), 0, size);
    SigningKey key = keys.current();
    Instant now = clock.instant();
    Checkpoint checkpoint =
        Checkpoint.sign(size, root, now.toEpochMilli(), key.keyId(), key.privateKey());
    if (!repository.store(checkpoint)) {
      return Optional.empty();
    }
    NoticeOutbox.Pending pending = notices.begin();
    LogCheckpoint notice =
        new LogCheckpoint(
            size,
            new Sha256(root),
            Instant.ofEpochMilli(checkpoint.timestamp()),
            ByteBuffer.wrap(checkpoint.signature()));
    registry.nodeIds().forEach(node -> pending.add(node, notice, now));
    notices.write(pending);
    return Optional.of(checkpoint);
  }
}
