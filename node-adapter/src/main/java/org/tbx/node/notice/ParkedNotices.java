package org.tbx.node.notice;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * What came on the hub's topic and could not be taken ({@code parked_notice}): kept with its bytes
 * and reason, like the hub's quarantine, so nothing the hub sent is silently dropped.
 */
@ApplicationScoped
public class ParkedNotices {

  /**
   * One parked record or notice.
   *
   * @param noticeIndex the notice's place in its batch; null when the whole record was parked
   * @param valueBase64 the record's bytes as they arrived
   */
  public record Parked(
      long id,
      int partition,
      long offset,
      Integer noticeIndex,
      String reason,
      String detail,
      Instant receivedAt,
      String valueBase64) {}

  private final Jdbc jdbc;

  ParkedNotices(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Parks a record or one notice of it; parking the same twice keeps one row. */
  public void park(
      int partition, long offset, byte[] value, Integer noticeIndex, String reason, String detail) {
    jdbc.update(
        "insert into parked_notice (kafka_partition, kafka_offset, record_value, notice_index, reason, detail) "
            + "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
        partition,
        offset,
        value,
        noticeIndex,
        reason,
        detail);
  }

  /**
   * @return the newest parked records and notices
   */
  public List<Parked> recent(int limit) {
    return jdbc.list(
        "select id, kafka_partition, kafka_offset, notice_index, reason, detail, received_at, record_value "
            + "from parked_notice order by id desc limit ?",
        rs ->
            new Parked(
                rs.getLong(1),
                rs.getInt(2),
                rs.getLong(3),
                (Integer) rs.getObject(4),
                rs.getString(5),
                rs.getString(6),
                Jdbc.instant(rs, "received_at"),
                rs.getBytes(8) == null ? null : Base64.getEncoder().encodeToString(rs.getBytes(8))),
        limit);
  }
}
