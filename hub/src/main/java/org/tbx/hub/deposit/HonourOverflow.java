package org.tbx.hub.deposit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.rules.Honour;

/**
 * Minutes above the lifetime cap turned into honours ({@code honour_overflow}): on nobody's
 * balance, counted towards the volunteer's star levels, taken back with their deposit.
 */
@ApplicationScoped
public class HonourOverflow {

  private final Jdbc jdbc;

  HonourOverflow(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  void record(UUID depositEventId, String nodeId, String volunteerId, long minutes, Instant at) {
    jdbc.update(
        "insert into honour_overflow (event_id, node_id, volunteer_id, minutes, created_at)"
            + " values (?, ?, ?, ?, ?)",
        depositEventId,
        nodeId,
        volunteerId,
        minutes,
        at);
  }

  /**
   * Takes back the honour minutes of a deposit, once.
   *
   * @return whether the deposit had honour minutes not yet taken back
   */
  public boolean reverse(UUID depositEventId, UUID reversingEventId, Instant at) {
    return jdbc.update(
            "update honour_overflow set reversed_at = ?, reversed_by_event = ?"
                + " where event_id = ? and reversed_at is null",
            at,
            reversingEventId,
            depositEventId)
        == 1;
  }

  /**
   * @return whether the deposit turned minutes into honours, reversed or not
   */
  public boolean has(UUID depositEventId) {
    return jdbc.exists("select 1 from honour_overflow where event_id = ?", depositEventId);
  }

  /**
   * @return the volunteer's honour minutes as they were turned into honours and taken back
   */
  public List<Honour.Movement> movements(String volunteerId) {
    List<Honour.Movement> out = new ArrayList<>();
    jdbc.list(
        "select minutes, created_at, reversed_at from honour_overflow where volunteer_id = ?",
        rs -> {
          long minutes = rs.getLong(1);
          out.add(new Honour.Movement(Jdbc.instant(rs, "created_at"), minutes));
          Instant reversed = Jdbc.instant(rs, "reversed_at");
          if (reversed != null) {
            out.add(new Honour.Movement(reversed, -minutes));
          }
          return minutes;
        },
        volunteerId);
    return out;
  }
}
