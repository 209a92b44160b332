package org.tbx.hub.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.HubNotice;

/**
 * Queues notices to banks in the caller's transaction, so they commit with the decisions they
 * report; a transaction's notices to one bank share a row.
 */
@ApplicationScoped
public class NoticeOutbox {

  /** A notice for a bank. */
  public record Notice(String nodeId, HubNotice notice) {}

  /** Notices collected during one transaction, written together; each is complete when queued. */
  public static final class Pending {
    private final List<Notice> notices = new ArrayList<>();

    /**
     * @param payload one of the notice records, e.g. {@code EventAccepted}
     * @param at when the hub decided
     */
    public void add(String nodeId, SpecificRecordBase payload, Instant at) {
      notices.add(new Notice(nodeId, new HubNotice(UUID.randomUUID().toString(), at, payload)));
    }

    /**
     * @return the notices queued so far, in order
     */
    public List<Notice> notices() {
      return List.copyOf(notices);
    }

    /**
     * @return how many are queued
     */
    public int size() {
      return notices.size();
    }

    /** Drops the notices queued after the first {@code size}. */
    public void truncate(int size) {
      notices.subList(size, notices.size()).clear();
    }
  }

  /**
   * Fired when a transaction queued notices; the relay acts on it once that transaction commits.
   */
  public record Queued(int notices) {}

  private final Jdbc jdbc;
  private final Event<Queued> queued;

  NoticeOutbox(DataSource dataSource, Event<Queued> queued) {
    this.jdbc = new Jdbc(dataSource);
    this.queued = queued;
  }

  public Pending begin() {
    return new Pending();
  }

  /**
   * Writes the collected notices in the caller's transaction: one row per bank holding up to a
   * notice batch's worth of its notices, in order.
   */
  public void write(Pending pending) {
    Map<String, List<byte[]>> byNode = new LinkedHashMap<>();
    for (Notice n : pending.notices) {
      byNode.computeIfAbsent(n.nodeId(), k -> new ArrayList<>()).add(BatchCodec.encode(n.notice()));
    }
    List<Map.Entry<String, byte[][]>> rows = new ArrayList<>();
    byNode.forEach(
        (node, encoded) -> {
          for (int from = 0; from < encoded.size(); from += NoticeSealer.NOTICES_PER_BATCH) {
            List<byte[]> chunk =
                encoded.subList(
                    from, Math.min(encoded.size(), from + NoticeSealer.NOTICES_PER_BATCH));
            rows.add(Map.entry(node, chunk.toArray(byte[][]::new)));
          }
        });
    jdbc.batch(
        "insert into notice_outbox (node_id, notices) values (?, ?)",
        rows,
        (ps, row) -> Jdbc.bind(ps, row.getKey(), row.getValue()));
    if (pending.size() > 0) {
      queued.fire(new Queued(pending.size()));
    }
  }
}
