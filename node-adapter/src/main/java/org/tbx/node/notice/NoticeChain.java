package org.tbx.node.notice;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.tbx.node.config.NodeConfig;
import org.tbx.protocol.v1.NoticeBatch;

/**
 * The hub's notice stream to this bank, checked like a bank's own stream: each batch must name this
 * bank, start at the next sequence and chain to the previous batch's hash. A batch already applied
 * is a replay; one that starts further on means notices were lost in between.
 */
@ApplicationScoped
public class NoticeChain {

  /** What a batch is to the chain. */
  public enum Verdict {
    /** The next batch: apply it. */
    NEXT,
    /** Applied before: skip it. */
    REPLAY,
    /** Notices before it are missing: get them first. */
    GAP,
    /** Another bank's, or it does not chain: park it. */
    BROKEN
  }

  /**
   * @param lastSequence the last notice sequence applied
   * @param detail why, for a GAP or BROKEN batch
   */
  public record Check(Verdict verdict, long lastSequence, String detail) {}

  private final NodeConfig config;

  NoticeChain(NodeConfig config) {
    this.config = config;
  }

  /**
   * @return the batch's place in the chain; locks the chain's row for the caller's transaction
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Check check(NoticeBatch batch, byte[] batchHash) {
    Object[] head = head();
    long last = ((Number) head[0]).longValue();
    byte[] lastHash = (byte[]) head[1];
    long first = batch.getFirstSequence();
    long end = first + batch.getNotices().size() - 1;
    if (!config.id().equals(batch.getNodeId())) {
      return new Check(
          Verdict.BROKEN, last, "the batch is for bank " + batch.getNodeId() + ", not this one");
    }
    if (end <= last) {
      return new Check(Verdict.REPLAY, last, null);
    }
    if (first > last + 1) {
      return new Check(
          Verdict.GAP,
          last,
          "notices "
              + (last + 1)
              + ".."
              + (first - 1)
              + " never arrived (next batch starts at "
              + first
              + ")");
    }
    if (first != last + 1 || !Arrays.equals(batch.getPreviousBatchHash().bytes(), lastHash)) {
      return new Check(
          Verdict.BROKEN,
          last,
          "batch "
              + first
              + ".."
              + end
              + " does not chain to the last applied batch (sequence "
              + last
              + ", hash "
              + HexFormat.of().formatHex(lastHash)
              + ")");
    }
    return new Check(Verdict.NEXT, last, null);
  }

  /** Moves the chain past an applied batch, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void advance(NoticeBatch batch, byte[] batchHash) {
    Panache.getEntityManager()
        .createNativeQuery(
            "update notice_chain set last_sequence = :s, last_batch_hash = :h where node_id = :n")
        .setParameter("s", batch.getFirstSequence() + batch.getNotices().size() - 1)
        .setParameter("h", batchHash)
        .setParameter("n", config.id())
        .executeUpdate();
  }

  /**
   * @return the last notice sequence applied
   */
  @Transactional
  public long lastSequence() {
    return ((Number) head()[0]).longValue();
  }

  private Object[] head() {
    var em = Panache.getEntityManager();
    em.createNativeQuery(
            "insert into notice_chain (node_id) values (:n) on conflict (node_id) do nothing")
        .setParameter("n", config.id())
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select last_sequence, last_batch_hash from notice_chain where node_id = :n for update")
            .setParameter("n", config.id())
            .getResultList();
    return rows.get(0);
  }
}
