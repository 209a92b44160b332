package org.tbx.hub.log;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a leaf of the log says about an applied event, derived from the ledger tables alone, so that the
 * same bytes can be derived again later and an edited row shows up as a different leaf hash:
 * <pre>
 * tbx/v1/log-leaf
 * event &lt;eventId&gt;
 * node &lt;nodeId&gt;
 * sequence &lt;sequence&gt;
 * type &lt;eventType&gt;
 * payload &lt;SHA-256 of the encoded payload, hex&gt;
 * transfer &lt;debit account&gt; &lt;credit account&gt; &lt;minutes&gt; &lt;code&gt;   (one per posted transfer, in posting order)
 * </pre>
 */
public final class LeafData {

  private LeafData() {}

  /** @return what one logged event's leaf says, derived from the ledger tables now */
  public static byte[] of(Connection c, UUID eventId) throws SQLException {
    byte[] data = of(c, List.of(eventId)).get(eventId);
    if (data == null) {
      throw new IllegalStateException("logged event " + eventId + " has no processed-event row");
    }
    return data;
  }

  /** @return each event's leaf data, in the order given; an event without a processed row is missing */
  static Map<UUID, byte[]> of(Connection c, List<UUID> eventIds) throws SQLException {
    Map<UUID, StringBuilder> text = new LinkedHashMap<>();
    eventIds.forEach(id -> text.put(id, null));
    Array ids = c.createArrayOf("uuid", eventIds.toArray());
    try (PreparedStatement ps = c.prepareStatement(
        "select event_id, node_id, sequence, event_type, payload_sha256 from processed_event where event_id = any(?)")) {
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          text.put((UUID) rs.getObject(1), new StringBuilder("tbx/v1/log-leaf\n")
              .append("event ").append(rs.getObject(1)).append('\n')
              .append("node ").append(rs.getString(2)).append('\n')
              .append("sequence ").append(rs.getLong(3)).append('\n')
              .append("type ").append(rs.getString(4)).append('\n')
              .append("payload ").append(HexFormat.of().formatHex(rs.getBytes(5))).append('\n'));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("select event_id, debit_account_id, credit_account_id, amount_minutes, "
        + "code from transfer where event_id = any(?) order by id")) {
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StringBuilder b = text.get((UUID) rs.getObject(1));
          if (b != null) {
            b.append("transfer ").append(rs.getString(2)).append(' ').append(rs.getString(3)).append(' ')
                .append(rs.getLong(4)).append(' ').append(rs.getString(5)).append('\n');
          }
        }
      }
    }
    Map<UUID, byte[]> out = new LinkedHashMap<>();
    text.forEach((id, b) -> {
      if (b != null) {
        out.put(id, b.toString().getBytes(StandardCharsets.UTF_8));
      }
    });
    return out;
  }
}
