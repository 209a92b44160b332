package org.tbx.hub.notice;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.HubNotice;

/** Queues notices to banks on the caller's connection, so they commit with the decisions they report. */
@ApplicationScoped
public class NoticeOutbox {

  /** Notices collected during one transaction, written together. */
  public static final class Pending {
    private final List<String> nodes = new ArrayList<>();
    private final List<HubNotice> notices = new ArrayList<>();

    /**
     * @param payload one of the notice records, e.g. {@code EventAccepted}; encoded when written, so the
     *     transaction may still complete it (with the event's log index, say)
     */
    public void add(String nodeId, SpecificRecordBase payload) {
      nodes.add(nodeId);
      notices.add(new HubNotice(UUID.randomUUID().toString(), Instant.now(), payload));
    }
  }

  public Pending begin() {
    return new Pending();
  }

  /** Writes the collected notices on the caller's connection. */
  public void write(Connection c, Pending pending) throws SQLException {
    if (pending.notices.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("insert into notice_outbox (node_id, notice) values (?, ?)")) {
      for (int i = 0; i < pending.notices.size(); i++) {
        ps.setString(1, pending.nodes.get(i));
        ps.setBytes(2, BatchCodec.encode(pending.notices.get(i)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
