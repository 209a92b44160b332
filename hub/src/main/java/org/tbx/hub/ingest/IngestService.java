package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.tbx.hub.ledger.LedgerService;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.volunteer.VolunteerRegistry;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Applies one poll of bank records in a single transaction: verifies each batch (signature, chain,
 * sequence), applies each new event once to the ledger, quarantines what cannot be applied, moves each
 * bank's stream head and stores the next offsets, all committed together.
 */
@ApplicationScoped
public class IngestService {

  private final DataSource dataSource;
  private final ProcessedEvents processedEvents;
  private final LedgerService ledger;
  private final EventApplier applier;
  private final Quarantine quarantine;
  private final ConsumedOffsets offsets;
  private final NodeRegistry registry;
  private final NoticeOutbox notices;
  private final VolunteerRegistry volunteerRegistry;
  private final TransparencyLog transparencyLog;
  private final EventValidator validator = new EventValidator();

  IngestService(
      DataSource dataSource,
      ProcessedEvents processedEvents,
      LedgerService ledger,
      EventApplier applier,
      Quarantine quarantine,
      ConsumedOffsets offsets,
      NodeRegistry registry,
      NoticeOutbox notices,
      VolunteerRegistry volunteerRegistry,
      TransparencyLog transparencyLog) {
    this.transparencyLog = transparencyLog;
    this.dataSource = dataSource;
    this.processedEvents = processedEvents;
    this.ledger = ledger;
    this.applier = applier;
    this.quarantine = quarantine;
    this.offsets = offsets;
    this.registry = registry;
    this.notices = notices;
    this.volunteerRegistry = volunteerRegistry;
  }

  /**
   * What a committed poll did.
   *
   * @param applied events newly applied
   * @param quarantined records and events quarantined, by reason code
   */
  public record Committed(int applied, Map<ReasonCode, Integer> quarantined) {}

  /** What one poll's transaction accumulates before it commits. */
  private static final class Work {
    final Map<ReasonCode, Integer> quarantined = new java.util.EnumMap<>(ReasonCode.class);
    final LedgerService.Postings postings;
    final NoticeOutbox.Pending notices;
    final Map<String, Optional<Stream>> streams = new HashMap<>();
    /** Applied events in the order applied, each with the notice that will tell its bank its log index. */
    final Map<UUID, EventAccepted> applied = new java.util.LinkedHashMap<>();

    final VolunteerRegistry.Cache volunteers;

    Work(LedgerService.Postings postings, NoticeOutbox.Pending notices, VolunteerRegistry.Cache volunteers) {
      this.postings = postings;
      this.notices = notices;
      this.volunteers = volunteers;
    }
  }

  /** A bank's stream within one poll: its head (locked) and keys, read once. */
  private static final class Stream {
    BatchVerifier.StreamHead head;
    Map<String, NodeRegistry.KeyState> keys;
    boolean moved;
  }

  /**
   * @param records consecutive records of one poll, any partitions
   * @return what the committed transaction did
   */
  @Transactional
  public Committed apply(List<ConsumerRecord<byte[], byte[]>> records) {
    try (Connection c = dataSource.getConnection()) {
      Work work = new Work(ledger.begin(), notices.begin(), volunteerRegistry.begin());
      Map<TopicPartition, Long> next = new HashMap<>();
      int applied = 0;
      for (ConsumerRecord<byte[], byte[]> record : records) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        applied += applyRecord(c, record, work, true);
      }
      finish(c, work);
      offsets.save(c, next);
      return new Committed(applied, work.quarantined);
    } catch (SQLException e) {
      throw new IllegalStateException("applying " + records.size() + " records failed: " + e.getMessage(), e);
    }
  }

  /**
   * An operator's decision to give up on a bank's missing sequences: the held batch with the lowest first
   * sequence is accepted as the stream's next batch (the missing events are lost), and the batches held
   * behind it follow.
   *
   * @return how many events were applied; empty when the bank has no held batch
   */
  @Transactional
  public Optional<Integer> acceptGap(String nodeId) {
    try (Connection c = dataSource.getConnection()) {
      Work work = new Work(ledger.begin(), notices.begin(), volunteerRegistry.begin());
      Optional<Stream> stream = load(c, nodeId);
      if (stream.isEmpty()) {
        return Optional.empty();
      }
      work.streams.put(nodeId, stream);
      Optional<Quarantine.Held> held = quarantine.release(c, nodeId, 0);
      if (held.isEmpty()) {
        return Optional.empty();
      }
      BatchCodec.Opened opened = BatchCodec.open(held.get().record().value());
      Log.warnf("operator accepted the gap in %s's stream: sequences %d..%d are skipped", nodeId,
          stream.get().head.lastSequence() + 1, opened.batch().getFirstSequence() - 1);
      stream.get().head = new BatchVerifier.StreamHead(
          opened.batch().getPreviousBatchHash().bytes(), opened.batch().getFirstSequence() - 1);
      stream.get().moved = true;
      int applied = applyRecord(c, held.get().record(), work, true);
      finish(c, work);
      return Optional.of(applied);
    } catch (SQLException | ProtocolException e) {
      throw new IllegalStateException("accepting the gap of " + nodeId + " failed: " + e.getMessage(), e);
    }
  }

  /** Writes what a transaction accumulated: buffered postings, notices, moved stream heads. */
  private void finish(Connection c, Work work) throws SQLException {
    ledger.flush(c, work.postings);
    transparencyLog.append(c, List.copyOf(work.applied.keySet()))
        .forEach((eventId, index) -> work.applied.get(eventId).setLogIndex(index));
    notices.write(c, work.notices);
    for (Map.Entry<String, Optional<Stream>> e : work.streams.entrySet()) {
      if (e.getValue().isPresent() && e.getValue().get().moved) {
        registry.saveHead(c, e.getKey(), e.getValue().get().head);
      }
    }
  }

  /** Applies the batches held for a bank that now continue its stream, in order. */
  private int releaseHeld(Connection c, String nodeId, Work work) throws SQLException {
    int applied = 0;
    while (true) {
      Stream stream = work.streams.get(nodeId).orElseThrow();
      Optional<Quarantine.Held> held = quarantine.release(c, nodeId, stream.head.lastSequence() + 1);
      if (held.isEmpty()) {
        return applied;
      }
      Log.infof("the gap in %s's stream is filled; applying the batch held from sequence %d", nodeId, held.get().firstSequence());
      applied += applyRecord(c, held.get().record(), work, false);
    }
  }

  private int applyRecord(
      Connection c, ConsumerRecord<byte[], byte[]> record, Work work, boolean releaseHeld) throws SQLException {
    Optional<String> topicNode = Topics.nodeIdOfOut(record.topic());
    if (topicNode.isEmpty()) {
      return reject(c, work, record, null, null, ReasonCode.UNKNOWN_TOPIC, "topic " + record.topic() + " is not a bank's topic");
    }
    String nodeId = topicNode.get();
    BatchCodec.Opened opened;
    try {
      opened = BatchCodec.open(record.value());
    } catch (ProtocolException e) {
      return reject(c, work, record, nodeId, null, e.reason(), e.getMessage());
    }
    Optional<Stream> known = work.streams.get(nodeId);
    if (known == null) {
      known = load(c, nodeId);
      work.streams.put(nodeId, known);
    }
    if (known.isEmpty()) {
      return reject(c, work, record, nodeId, null, ReasonCode.UNKNOWN_NODE, "node " + nodeId + " is not registered at the hub");
    }
    Stream stream = known.get();
    String keyId = opened.signed().getKeyId();
    long first = opened.batch().getFirstSequence();
    NodeRegistry.KeyState key = stream.keys.get(keyId);
    Optional<String> refused = key == null ? Optional.empty() : key.refusal(first);
    if (refused.isPresent()) {
      return reject(c, work, record, nodeId, null, ReasonCode.KEY_REVOKED, refused.get());
    }
    try {
      BatchVerifier.Verdict verdict = BatchVerifier.verify(
          opened, nodeId, id -> Optional.ofNullable(stream.keys.get(id)).map(NodeRegistry.KeyState::publicKey), stream.head);
      if (verdict == BatchVerifier.Verdict.REPLAY) {
        Log.debugf("batch from %s at sequence %d replayed; nothing to apply", nodeId, opened.batch().getFirstSequence());
        return 0;
      }
    } catch (ProtocolException e) {
      if (e.reason() == ReasonCode.SEQUENCE_GAP) {
        return hold(c, work, record, nodeId, opened.batch().getFirstSequence(), stream.head.lastSequence());
      }
      return reject(c, work, record, nodeId, null, e.reason(), e.getMessage());
    }
    stream.head = stream.head.after(opened);
    stream.moved = true;
    if (key.firstUsedSequence() == null && registry.markUsed(c, nodeId, keyId, first)) {
      stream.keys = registry.keyStates(c, nodeId);
    }
    List<ProcessedEvents.Candidate> candidates = new ArrayList<>();
    for (NodeEvent event : opened.batch().getEvents()) {
      Optional<ProtocolException> badId = validator.checkId(event);
      if (badId.isPresent()) {
        reject(c, work, record, nodeId, event, badId.get().reason(), badId.get().getMessage());
      } else {
        candidates.add(new ProcessedEvents.Candidate(UUID.fromString(event.getEventId()), event,
            Ed25519Keys.sha256(BatchCodec.encode((SpecificRecordBase) event.getPayload()))));
      }
    }
    List<ProcessedEvents.Outcome> outcomes = processedEvents.recordAll(c, candidates, record);
    int applied = 0;
    volunteerRegistry.prefetch(c, work.volunteers, candidates.stream()
        .filter(k -> k.event().getPayload() instanceof ServiceRecorded)
        .map(k -> ((ServiceRecorded) k.event().getPayload()).getVolunteerId())
        .toList());
    for (int i = 0; i < candidates.size(); i++) {
      applied += applyEvent(c, record, candidates.get(i), outcomes.get(i), work);
    }
    if (releaseHeld) {
      applied += releaseHeld(c, nodeId, work);
    }
    return applied;
  }

  /** Holds a batch that arrived after a gap and tells the bank which sequences are missing. */
  private int hold(Connection c, Work work, ConsumerRecord<byte[], byte[]> record, String nodeId, long first, long head)
      throws SQLException {
    String detail = "held until sequences " + (head + 1) + ".." + (first - 1) + " arrive";
    Log.warnf("%s-%d@%d from %s starts at sequence %d: %s", record.topic(), record.partition(), record.offset(), nodeId,
        first, detail);
    quarantine.holdForGap(c, record, nodeId, first, detail);
    work.quarantined.merge(ReasonCode.SEQUENCE_GAP, 1, Integer::sum);
    work.notices.add(nodeId, new EventRejected(null, first, record.offset(), ReasonCode.SEQUENCE_GAP, detail));
    return 0;
  }

  private int applyEvent(
      Connection c, ConsumerRecord<byte[], byte[]> record, ProcessedEvents.Candidate candidate,
      ProcessedEvents.Outcome outcome, Work work) throws SQLException {
    NodeEvent event = candidate.event();
    UUID eventId = candidate.eventId();
    return switch (outcome) {
      case NEW -> {
        try {
          Optional<ProtocolException> invalid = validator.check(event);
          if (invalid.isPresent()) {
            throw invalid.get();
          }
          EventApplier.Applied applied = applier.apply(c, work.postings, work.volunteers, eventId, event, Instant.now());
          EventAccepted accepted = new EventAccepted(event.getEventId(), event.getSequence(), null);
          work.notices.add(event.getNodeId(), accepted);
          work.applied.put(eventId, accepted);
          applied.notice().ifPresent(n -> work.notices.add(event.getNodeId(), n));
          yield 1;
        } catch (ProtocolException e) {
          processedEvents.markRejected(c, eventId, e.reason().name());
          yield reject(c, work, record, event.getNodeId(), event, e.reason(), e.getMessage());
        }
      }
      case DUPLICATE -> 0;
      case CONFLICT -> reject(c, work, record, event.getNodeId(), event, ReasonCode.DUPLICATE_ID_DIFFERENT_PAYLOAD,
          "event id " + eventId + " was applied before with a different payload");
    };
  }

  private Optional<Stream> load(Connection c, String nodeId) throws SQLException {
    Optional<BatchVerifier.StreamHead> head = registry.lockHead(c, nodeId);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Stream stream = new Stream();
    stream.head = head.get();
    stream.keys = registry.keyStates(c, nodeId);
    return Optional.of(stream);
  }

  /** Quarantines a record or one of its events and tells the bank why, in the same transaction. */
  private int reject(
      Connection c, Work work, ConsumerRecord<byte[], byte[]> record, String nodeId, NodeEvent event, ReasonCode reason,
      String detail) throws SQLException {
    String eventId = event == null ? null : event.getEventId();
    Log.warnf("quarantined %s-%d@%d event %s: %s %s", record.topic(), record.partition(), record.offset(), eventId, reason, detail);
    quarantine.hold(c, record, nodeId, eventId, reason, detail);
    work.quarantined.merge(reason, 1, Integer::sum);
    if (nodeId != null) {
      work.notices.add(nodeId,
          new EventRejected(eventId, event == null ? null : event.getSequence(), record.offset(), reason, detail));
    }
    return 0;
  }

}
