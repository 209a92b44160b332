package org.tbx.hub.log;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.tbx.hub.notice.HubKeys;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.protocol.log.Checkpoint;
import org.tbx.protocol.log.MerkleTree;
import org.tbx.protocol.v1.LogCheckpoint;
import org.tbx.protocol.v1.Sha256;

/**
 * Signs a checkpoint of the log whenever it grew (looked at every {@code tbx.hub.checkpoint-interval}), stores
 * it and sends it to every registered bank as a notice, in one transaction.
 */
@ApplicationScoped
public class CheckpointSigner {

  private final DataSource dataSource;
  private final TransparencyLog log;
  private final HubKeys keys;
  private final NoticeOutbox notices;
  private volatile boolean stopping;

  CheckpointSigner(DataSource dataSource, TransparencyLog log, HubKeys keys, NoticeOutbox notices) {
    this.dataSource = dataSource;
    this.log = log;
    this.keys = keys;
    this.notices = notices;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(every = "${tbx.hub.checkpoint-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (stopping) {
      return;
    }
    try {
      QuarkusTransaction.requiringNew().call(this::signIfGrown);
    } catch (RuntimeException e) {
      Log.error("signing a log checkpoint failed; it retries on its next turn", e);
    }
  }

  /** @return the new checkpoint, when the log grew since the last one */
  public Optional<Checkpoint> signIfGrown() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long size = log.size(c);
      if (size == 0 || size <= latestSize(c)) {
        return Optional.empty();
      }
      byte[] root = MerkleTree.rangeHash(new TransparencyLog.Nodes(c), 0, size);
      HubKeys.SigningKey key = keys.current();
      Checkpoint checkpoint = Checkpoint.sign(size, root, Instant.now().toEpochMilli(), key.keyId(), key.privateKey());
      try (PreparedStatement ps = c.prepareStatement("insert into log_checkpoint (tree_size, root_hash, signed_at, key_id, "
          + "signature) values (?, ?, ?, ?, ?) on conflict do nothing")) {
        ps.setLong(1, size);
        ps.setBytes(2, root);
        ps.setLong(3, checkpoint.timestamp());
        ps.setString(4, checkpoint.keyId());
        ps.setBytes(5, checkpoint.signature());
        if (ps.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      NoticeOutbox.Pending pending = notices.begin();
      try (PreparedStatement ps = c.prepareStatement("select node_id from node order by node_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pending.add(rs.getString(1), new LogCheckpoint(size, new Sha256(root),
              Instant.ofEpochMilli(checkpoint.timestamp()), ByteBuffer.wrap(checkpoint.signature())));
        }
      }
      notices.write(c, pending);
      return Optional.of(checkpoint);
    }
  }

  private static long latestSize(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(tree_size), 0) from log_checkpoint");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
