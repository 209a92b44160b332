package org.tbx.hub.notice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.kit.kafka.BatchPublisher;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.NoticeBatch;

/** The sealed notice batches ({@code notice_batch}) as the shared publisher sees them. */
@ApplicationScoped
public class NoticeBatches implements BatchPublisher.Store {

  private final Jdbc jdbc;

  NoticeBatches(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<BatchPublisher.Sealed> unpublished(int limit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                jdbc.list(
                    "select id, node_id, payload from notice_batch where published_at is null order by id limit ?",
                    rs ->
                        new BatchPublisher.Sealed(
                            rs.getLong(1),
                            Topics.nodeIn(rs.getString(2)),
                            rs.getString(2),
                            rs.getBytes(3)),
                    limit));
  }

  @Override
  public void published(List<BatchPublisher.Acknowledged> acknowledged) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                jdbc.batch(
                    "update notice_batch set published_at = now(), kafka_offset = ? where id = ?",
                    acknowledged,
                    (ps, a) -> Jdbc.bind(ps, a.offset(), a.id())));
  }

  @Override
  public int caughtUp(String topic, BatchPublisher.Tail tail) {
    String node = Topics.nodeIdOfIn(topic).orElseThrow();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              boolean ours =
                  jdbc.first(
                          "select batch_hash from notice_batch where node_id = ? and last_sequence = ?",
                          rs -> rs.getBytes(1),
                          node,
                          tail.lastSequence())
                      .map(hash -> Arrays.equals(hash, tail.batchHash()))
                      .orElse(false);
              if (!ours) {
                return -1;
              }
              return jdbc.update(
                  "update notice_batch set published_at = now() where node_id = ? and published_at is null "
                      + "and last_sequence <= ?",
                  node,
                  tail.lastSequence());
            });
  }

  @Override
  public BatchPublisher.Tail decode(byte[] recordValue) throws Exception {
    BatchCodec.OpenedNotices opened = BatchCodec.openNotices(recordValue);
    NoticeBatch batch = opened.batch();
    return new BatchPublisher.Tail(
        batch.getFirstSequence() + batch.getNotices().size() - 1, opened.batchHash());
  }

  /**
   * A sealed notice batch as it went (or goes) on the bank's {@code .in} topic.
   *
   * @param recordValue the Kafka record value: a {@code SignedNotices}
   */
  public record Sealed(long firstSequence, long lastSequence, byte[] recordValue) {}

  /**
   * @return a bank's sealed notice batches holding notices after {@code afterSequence}, in order,
   *     at most {@code limit}: what a bank that lost some asks for again
   */
  public List<Sealed> after(String nodeId, long afterSequence, int limit) {
    return jdbc.list(
        "select first_sequence, last_sequence, payload from notice_batch where node_id = ? and last_sequence > ?"
            + " order by first_sequence limit ?",
        rs -> new Sealed(rs.getLong(1), rs.getLong(2), rs.getBytes(3)),
        nodeId,
        afterSequence,
        limit);
  }
}
