package org.tbx.hub.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.v1.ReasonCode;

/** Keeps what the hub could not apply, with its bytes, origin and reason; nothing is dropped. */
@ApplicationScoped
public class Quarantine {

  /** A held batch as stored. */
  public record Held(long id, ConsumerRecord<byte[], byte[]> record, long firstSequence) {}

  /**
   * One quarantined record or event.
   *
   * @param held true for a batch held after a sequence gap, applied when the gap is filled
   * @param value the record's bytes exactly as they arrived
   */
  public record Item(
      long id,
      String topic,
      int partition,
      long offset,
      String nodeId,
      String eventId,
      String reasonCode,
      String detail,
      Instant receivedAt,
      boolean held,
      Instant releasedAt,
      byte[] value) {}

  /** A page of items and how many there are. */
  public record Page(long total, List<Item> items) {}

  private final Jdbc jdbc;

  Quarantine(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Holds a batch that arrived after a sequence gap, in the caller's transaction; holding it twice
   * keeps one row.
   */
  public void holdForGap(
      ConsumerRecord<byte[], byte[]> record, String nodeId, long firstSequence, String detail) {
    holdBatch(record, nodeId, firstSequence, ReasonCode.SEQUENCE_GAP, detail);
  }

  /**
   * Holds a batch to be applied later, when its stream reaches it: after a gap, or while the stream
   * is suspended.
   */
  public void holdBatch(
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      long firstSequence,
      ReasonCode reason,
      String detail) {
    jdbc.update(
        "insert into quarantined_record (kafka_topic, kafka_partition, kafka_offset, record_key, record_value, "
            + "node_id, event_id, reason_code, detail, held, first_sequence) values (?, ?, ?, ?, ?, ?, null, "
            + "?, ?, true, ?) on conflict do nothing",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        nodeId,
        reason.name(),
        detail,
        firstSequence);
  }

  /**
   * @return the banks with batches held (behind a gap, or a suspended stream), read once per poll
   */
  public Set<String> nodesHolding() {
    return new HashSet<>(
        jdbc.list(
            "select distinct node_id from quarantined_record where held and released_at is null",
            rs -> rs.getString(1)));
  }

  /**
   * Takes the oldest held batch of a bank that starts at {@code sequence} (or, with {@code
   * sequence} 0, the held batch with the lowest first sequence), marking it released.
   */
  public Optional<Held> release(String nodeId, long sequence) {
    Optional<Held> held =
        jdbc.first(
            "select id, kafka_topic, kafka_partition, kafka_offset, record_key, record_value, first_sequence "
                + "from quarantined_record where held and released_at is null and node_id = ? "
                + (sequence > 0 ? "and first_sequence = ? " : "and ? = 0 ")
                + "order by first_sequence, id limit 1 for update",
            rs ->
                new Held(
                    rs.getLong(1),
                    new ConsumerRecord<>(
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getLong(4),
                        rs.getBytes(5),
                        rs.getBytes(6)),
                    rs.getLong(7)),
            nodeId,
            sequence);
    held.ifPresent(
        h -> jdbc.update("update quarantined_record set released_at = now() where id = ?", h.id()));
    return held;
  }

  /**
   * Stores a rejected record (or one rejected event of it) in the caller's transaction; storing the
   * same rejection twice keeps one row.
   */
  public void hold(
      ConsumerRecord<byte[], byte[]> record,
      String nodeId,
      String eventId,
      ReasonCode reason,
      String detail) {
    jdbc.update(
        "insert into quarantined_record (kafka_topic, kafka_partition, kafka_offset, record_key, record_value, "
            + "node_id, event_id, reason_code, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        nodeId,
        eventId,
        reason.name(),
        detail);
  }

  /**
   * @return a page of quarantined items, newest first, of one bank or of all (null)
   */
  public Page list(String nodeId, int page, int size) {
    String where = nodeId == null ? "" : " where node_id = ?";
    Object[] filter = nodeId == null ? new Object[0] : new Object[] {nodeId};
    long total = jdbc.number("select count(*) from quarantined_record" + where, filter);
    Object[] args =
        nodeId == null
            ? new Object[] {size, (long) page * size}
            : new Object[] {nodeId, size, (long) page * size};
    List<Item> items =
        jdbc.list(
            "select id, kafka_topic, kafka_partition, kafka_offset, node_id, event_id, reason_code, detail, "
                + "received_at, held, released_at, record_value from quarantined_record"
                + where
                + " order by id desc limit ? offset ?",
            rs ->
                new Item(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    Jdbc.instant(rs, "received_at"),
                    rs.getBoolean(10),
                    Jdbc.instant(rs, "released_at"),
                    rs.getBytes(12)),
            args);
    return new Page(total, items);
  }

  /**
   * @return how many records and events of a bank are quarantined
   */
  public long count(String nodeId) {
    return jdbc.number("select count(*) from quarantined_record where node_id = ?", nodeId);
  }

  /** How many records wait in quarantine for one reason, and since when. */
  public record ReasonCount(String reasonCode, long records, Instant oldest) {}

  /**
   * @return records not released, per reason, most first
   */
  public List<ReasonCount> openByReason() {
    return jdbc.list(
        "select reason_code, count(*) as n, min(received_at) as oldest from quarantined_record"
            + " where released_at is null group by reason_code order by n desc, reason_code",
        rs ->
            new ReasonCount(
                rs.getString("reason_code"), rs.getLong("n"), Jdbc.instant(rs, "oldest")));
  }
}
