package org.tbx.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Everything one poll's transaction accumulates before it commits: the ledger's buffered postings,
 * the notices to send, per-poll caches of the domains, each bank's stream head, the events applied
 * and what was quarantined. Handlers see the ledger, the clock's time for the poll, the notices and
 * their caches.
 */
public final class UnitOfWork {

  /** A bank's stream within one poll: its head (locked) and keys, read once. */
  static final class Stream {
    BatchVerifier.StreamHead head;
    Map<String, NodeRegistry.KeyState> keys;
    boolean moved;

    /** Why the stream is suspended, or null. */
    String suspended;

    /** The batches admitted in this poll, recorded with the head. */
    final List<NodeRegistry.AcceptedBatch> accepted = new ArrayList<>();
  }

  /** An applied event, for its log leaf and its acceptance notice. */
  record Applied(
      UUID eventId, String nodeId, long sequence, String eventType, byte[] payloadSha256) {}

  /** Where an event's changes can be undone to. */
  record Mark(UUID eventId, int notices) {}

  private final Instant now;
  private final LedgerSession ledger;
  private final NoticeOutbox.Pending notices;
  private final Jdbc jdbc;
  private final Map<Class<?>, Object> locals = new HashMap<>();
  private final List<Deferred> deferred = new ArrayList<>();
  final Map<String, Optional<Stream>> streams = new HashMap<>();
  final List<Applied> applied = new ArrayList<>();
  final Map<ReasonCode, Integer> quarantined = new EnumMap<>(ReasonCode.class);

  UnitOfWork(Instant now, LedgerSession ledger, NoticeOutbox.Pending notices, Jdbc jdbc) {
    this.now = now;
    this.ledger = ledger;
    this.notices = notices;
    this.jdbc = jdbc;
  }

  /**
   * A unit of work outside a poll, for an operator's decision or a unit test of a handler: the same
   * ledger session, notices and caches, but no savepoints.
   */
  public static UnitOfWork standalone(
      Instant now, LedgerSession ledger, NoticeOutbox.Pending notices) {
    return new UnitOfWork(now, ledger, notices, null);
  }

  /**
   * @return the hub's time for this poll, from its clock
   */
  public Instant now() {
    return now;
  }

  public LedgerSession ledger() {
    return ledger;
  }

  /** Queues a notice to a bank; it commits with the poll. */
  public void notify(String nodeId, SpecificRecordBase notice) {
    notices.add(nodeId, notice, now);
  }

  /** Rows a domain buffers during the poll and writes together before anything reads them. */
  public interface Deferred {
    /** Writes what was buffered, in the caller's transaction, and forgets it. */
    void write();
  }

  /**
   * Asks for {@code rows} to be written when the poll ends, after the ledger is flushed and before
   * the log and the notices; a domain that also reads those rows during the poll writes them first.
   * Only handlers that check every rule before their first change may buffer (no savepoint could
   * undo buffered rows).
   */
  public void defer(Deferred rows) {
    deferred.add(rows);
  }

  void writeDeferred() {
    deferred.forEach(Deferred::write);
  }

  /**
   * @return this poll's instance of a domain's cache, made on first use
   */
  public <T> T local(Class<T> type, Supplier<T> create) {
    return type.cast(locals.computeIfAbsent(type, k -> create.get()));
  }

  NoticeOutbox.Pending notices() {
    return notices;
  }

  void quarantined(ReasonCode reason) {
    quarantined.merge(reason, 1, Integer::sum);
  }

  /** Flushes the ledger and sets a savepoint, so the event's changes can be undone alone. */
  Mark mark(UUID eventId) {
    ledger.flush();
    jdbc.update("savepoint tbx_event");
    return new Mark(eventId, notices.size());
  }

  void release(Mark mark) {
    jdbc.update("release savepoint tbx_event");
  }

  /** Undoes what the event changed since its mark: rows, buffered postings and queued notices. */
  void rollback(Mark mark) {
    jdbc.update("rollback to savepoint tbx_event");
    ledger.forget(mark.eventId());
    notices.truncate(mark.notices());
  }
}
