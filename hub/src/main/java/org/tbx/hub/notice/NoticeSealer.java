package org.tbx.hub.notice;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.kit.keys.SigningKey;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NoticeBatch;

/**
 * Seals each bank's waiting notices into one signed batch chained to its previous one, under the
 * bank's notice-stream row lock; the batch is stored (so a retry sends the same bytes) and the
 * sealed outbox rows are deleted in the same transaction.
 */
@ApplicationScoped
public class NoticeSealer {

  /** At most this many notices go in one batch (and in one outbox row). */
  static final int NOTICES_PER_BATCH = 500;

  private record Waiting(long id, byte[][] notices) {}

  private record Head(long lastSequence, byte[] lastHash) {}

  private final Jdbc jdbc;
  private final HubKeys keys;

  NoticeSealer(DataSource dataSource, HubKeys keys) {
    this.jdbc = new Jdbc(dataSource);
    this.keys = keys;
  }

  /**
   * @return how many notices were sealed, at most one batch per bank; call in a transaction
   */
  public int sealWaiting() {
    // The banks with waiting notices, by a skip scan of the (node_id, id) index: one probe per
    // bank.
    List<String> nodes =
        jdbc.list(
            "with recursive n as (select min(node_id) as node_id from notice_outbox union all "
                + "select (select min(node_id) from notice_outbox where node_id > n.node_id) from n "
                + "where n.node_id is not null) select node_id from n where node_id is not null limit 100",
            rs -> rs.getString(1));
    int sealed = 0;
    for (String node : nodes) {
      sealed += seal(node);
    }
    return sealed;
  }

  private int seal(String node) {
    jdbc.update("insert into notice_stream (node_id) values (?) on conflict do nothing", node);
    Head head =
        jdbc.first(
                "select last_sequence, last_batch_hash from notice_stream where node_id = ? for update",
                rs -> new Head(rs.getLong(1), rs.getBytes(2)),
                node)
            .orElseThrow();
    List<Waiting> rows =
        jdbc.list(
            "select id, notices from notice_outbox where node_id = ? order by id limit ?",
            rs -> new Waiting(rs.getLong(1), (byte[][]) rs.getArray(2).getArray()),
            node,
            NOTICES_PER_BATCH);
    List<Long> sealedRows = new ArrayList<>();
    List<HubNotice> waiting = new ArrayList<>();
    for (Waiting row : rows) {
      if (!waiting.isEmpty() && waiting.size() + row.notices().length > NOTICES_PER_BATCH) {
        break;
      }
      sealedRows.add(row.id());
      for (byte[] notice : row.notices()) {
        waiting.add(BatchCodec.decodeNotice(notice));
      }
    }
    if (waiting.isEmpty()) {
      return 0;
    }
    long first = head.lastSequence() + 1;
    long last = head.lastSequence() + waiting.size();
    SigningKey key = keys.current();
    BatchCodec.Sealed sealed =
        BatchCodec.sealNotices(
            new NoticeBatch(node, first, BatchCodec.sha256(head.lastHash()), waiting),
            key.privateKey(),
            key.keyId());
    jdbc.update(
        "insert into notice_batch (node_id, first_sequence, last_sequence, batch_hash, payload) values (?, ?, ?, ?, ?)",
        node,
        first,
        last,
        sealed.batchHash(),
        sealed.value());
    jdbc.update(
        "delete from notice_outbox where id = any(?)", (Object) sealedRows.toArray(Long[]::new));
    jdbc.update(
        "update notice_stream set last_sequence = ?, last_batch_hash = ? where node_id = ?",
        last,
        sealed.batchHash(),
        node);
    return waiting.size();
  }
}
