package org.tbx.hub.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.HubNotice;

/**
 * Queues notices to banks in the caller's transaction, so they commit with the decisions they
 * report.
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

  /** Writes the collected notices in the caller's transaction. */
  public void write(Pending pending) {
    jdbc.batch(
        "insert into notice_outbox (node_id, notice) values (?, ?)",
        pending.notices,
        (ps, n) -> Jdbc.bind(ps, n.nodeId(), BatchCodec.encode(n.notice())));
    if (pending.size() > 0) {
      queued.fire(new Queued(pending.size()));
    }
  }
}
