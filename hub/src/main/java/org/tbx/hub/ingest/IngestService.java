package org.tbx.hub.ingest;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.log.LeafData;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;

/**
 * Applies one poll of bank records in a single transaction: admits each batch ({@link StreamGate}),
 * records each event id once ({@link ProcessedEvents}), applies each new event with its handler,
 * quarantines what cannot be applied, logs every applied event, queues the notices, moves the
 * stream heads and stores the next offsets, all committed together.
 */
@ApplicationScoped
public class IngestService {

  /**
   * What a committed poll did.
   *
   * @param applied events newly applied
   * @param quarantined records and events quarantined, by reason code
   */
  public record Committed(int applied, Map<ReasonCode, Integer> quarantined) {}

  private final Jdbc jdbc;
  private final Clock clock;
  private final LedgerRepository ledger;
  private final NoticeOutbox notices;
  private final StreamGate gate;
  private final Refusals refusals;
  private final ProcessedEvents processed;
  private final EventHandlers handlers;
  private final Quarantine quarantine;
  private final TransparencyLog log;
  private final ConsumedOffsets offsets;

  IngestService(
      DataSource dataSource,
      Clock clock,
      LedgerRepository ledger,
      NoticeOutbox notices,
      StreamGate gate,
      Refusals refusals,
      ProcessedEvents processed,
      EventHandlers handlers,
      Quarantine quarantine,
      TransparencyLog log,
      ConsumedOffsets offsets) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    this.ledger = ledger;
    this.notices = notices;
    this.gate = gate;
    this.refusals = refusals;
    this.processed = processed;
    this.handlers = handlers;
    this.quarantine = quarantine;
    this.log = log;
    this.offsets = offsets;
  }

  /**
   * @param records consecutive records of one poll, any partitions
   * @return what the committed transaction did
   */
  @Transactional
  public Committed apply(List<ConsumerRecord<byte[], byte[]>> records) {
    UnitOfWork work = begin();
    if (records.size() > 1) {
      preparePoll(work, records);
    }
    Map<TopicPartition, Long> next = new HashMap<>();
    int applied = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      next.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
      applied += applyRecord(work, record, true);
    }
    finish(work);
    offsets.save(next);
    return new Committed(applied, work.quarantined);
  }

  /**
   * An operator's decision to give up on a bank's missing sequences: the held batch with the lowest
   * first sequence is accepted as the stream's next batch (the missing events are lost), and the
   * batches held behind it follow.
   *
   * @return how many events were applied; empty when the bank is unknown or has no held batch
   */
  @Transactional
  public Optional<Integer> acceptGap(String nodeId) {
    UnitOfWork work = begin();
    Optional<UnitOfWork.Stream> stream = gate.stream(work, nodeId);
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    Optional<Quarantine.Held> held = quarantine.release(nodeId, 0);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    BatchCodec.Opened opened;
    try {
      opened = BatchCodec.open(held.get().record().value());
    } catch (ProtocolException e) {
      throw new IllegalStateException(
          "a held batch of " + nodeId + " no longer decodes: " + e.getMessage(), e);
    }
    Log.warnf(
        "operator accepted the gap in %s's stream: sequences %d..%d are skipped",
        nodeId, stream.get().head.lastSequence() + 1, opened.batch().getFirstSequence() - 1);
    stream.get().head =
        new BatchVerifier.StreamHead(
            opened.batch().getPreviousBatchHash().bytes(), opened.batch().getFirstSequence() - 1);
    stream.get().moved = true;
    int applied = applyRecord(work, held.get().record(), true);
    finish(work);
    return Optional.of(applied);
  }

  /**
   * Quarantines one record the hub failed to apply, alone, after its bounded retries (a hub fault,
   * not the bank's input): the bank is told ({@code APPLY_FAILED}), the offset moves past it, and
   * the bank's later batches wait behind it as after a gap until an operator decides.
   */
  @Transactional
  public void quarantineFailed(ConsumerRecord<byte[], byte[]> record, RuntimeException cause) {
    UnitOfWork work = begin();
    String detail =
        "the hub failed to apply this record ("
            + cause.getClass().getSimpleName()
            + ": "
            + cause.getMessage()
            + "); it is kept for an operator, and this bank's later batches wait behind it";
    refusals.reject(
        work,
        record,
        Topics.nodeIdOfOut(record.topic()).orElse(null),
        null,
        ReasonCode.APPLY_FAILED,
        detail);
    finish(work);
    offsets.save(
        Map.of(new TopicPartition(record.topic(), record.partition()), record.offset() + 1));
  }

  /**
   * @return whether PostgreSQL answers now: a failed poll is then the fault of a record, not of the
   *     database
   */
  public boolean databaseAnswers() {
    try {
      return jdbc.with("checking the database", c -> c.isValid(2));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * An operator's decision to resume a suspended stream (after a fork was looked into): the batches
   * held while it was suspended that continue it are applied, in order.
   *
   * @return how many events were applied; empty when the bank is unknown or its stream was not
   *     suspended
   */
  @Transactional
  public Optional<Integer> resume(String nodeId) {
    UnitOfWork work = begin();
    Optional<UnitOfWork.Stream> stream = gate.stream(work, nodeId);
    if (stream.isEmpty() || !gate.resume(nodeId)) {
      return Optional.empty();
    }
    Log.warnf("operator resumed %s's stream: %s", nodeId, stream.get().suspended);
    stream.get().suspended = null;
    int applied = releaseHeld(work, nodeId);
    finish(work);
    return Optional.of(applied);
  }

  private UnitOfWork begin() {
    return new UnitOfWork(clock.instant(), new LedgerSession(ledger), notices.begin(), jdbc);
  }

  /** Writes what the poll accumulated: postings, log leaves, notices, moved stream heads. */
  private void finish(UnitOfWork work) {
    LedgerSession session = work.ledger();
    session.flush();
    work.writeDeferred();
    List<LeafData> leaves = new ArrayList<>(work.applied.size());
    for (UnitOfWork.Applied a : work.applied) {
      leaves.add(
          new LeafData(
              a.eventId(),
              a.nodeId(),
              a.sequence(),
              a.eventType(),
              a.payloadSha256(),
              session.postedBy(a.eventId())));
    }
    Map<UUID, Long> indexes = log.append(leaves);
    for (UnitOfWork.Applied a : work.applied) {
      work.notify(
          a.nodeId(),
          new EventAccepted(a.eventId().toString(), a.sequence(), indexes.get(a.eventId())));
    }
    notices.write(work.notices());
    gate.saveHeads(work);
  }

  private int applyRecord(
      UnitOfWork work, ConsumerRecord<byte[], byte[]> record, boolean releaseHeld) {
    Optional<StreamGate.Admitted> admitted = gate.admit(work, record);
    if (admitted.isEmpty()) {
      // It may have been held (behind a gap): its bank's held batches are looked at from now on.
      Topics.nodeIdOfOut(record.topic()).ifPresent(holding(work)::add);
      return 0;
    }
    String nodeId = admitted.get().nodeId();
    List<ProcessedEvents.Candidate> candidates = new ArrayList<>();
    for (NodeEvent event : admitted.get().opened().batch().getEvents()) {
      Optional<UUID> id = parseId(event.getEventId());
      if (id.isEmpty()) {
        refusals.reject(
            work,
            record,
            nodeId,
            event,
            ReasonCode.INVALID_FIELD,
            "eventId must be a UUID, was: " + event.getEventId());
      } else {
        SpecificRecordBase payload = (SpecificRecordBase) event.getPayload();
        candidates.add(
            new ProcessedEvents.Candidate(
                id.get(),
                event,
                Ed25519Keys.sha256(BatchCodec.encode(payload)),
                handlers.volunteerOf(payload)));
      }
    }
    List<ProcessedEvents.Outcome> outcomes = processed.recordAll(candidates, record);
    prepare(work, candidates, outcomes);
    int applied = 0;
    for (int i = 0; i < candidates.size(); i++) {
      ProcessedEvents.Candidate candidate = candidates.get(i);
      switch (outcomes.get(i)) {
        case NEW -> applied += applyEvent(work, record, candidate);
        case DUPLICATE -> {
          // already processed: the original outcome stands
        }
        case CONFLICT ->
            refusals.reject(
                work,
                record,
                nodeId,
                candidate.event(),
                ReasonCode.DUPLICATE_ID_DIFFERENT_PAYLOAD,
                "event id " + candidate.eventId() + " was applied before with a different payload");
      }
    }
    if (releaseHeld && holding(work).contains(nodeId)) {
      applied += releaseHeld(work, nodeId);
    }
    return applied;
  }

  /** The banks with batches held, read once per poll, to skip a query per record for the others. */
  private static final class Holding {
    final Set<String> nodes;

    Holding(Set<String> nodes) {
      this.nodes = nodes;
    }
  }

  private Set<String> holding(UnitOfWork work) {
    return work.local(Holding.class, () -> new Holding(quarantine.nodesHolding())).nodes;
  }

  /**
   * Lets each handler read what all the poll's events of its type will need, in one go, before the
   * first record is admitted: a poll of many small batches (one redemption each) then costs a few
   * queries, not a few per batch. What a record cannot be decoded for is left to its admission,
   * which refuses it; each record's own {@link #prepare} then finds what it needs already read.
   */
  private void preparePoll(UnitOfWork work, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<EventHandler<SpecificRecordBase>, List<SpecificRecordBase>> byHandler =
        new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.value() == null) {
        continue;
      }
      try {
        for (NodeEvent event : BatchCodec.open(record.value()).batch().getEvents()) {
          SpecificRecordBase payload = (SpecificRecordBase) event.getPayload();
          handlers
              .of(payload)
              .ifPresent(h -> byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(payload));
        }
      } catch (ProtocolException e) {
        // refused with its reason when the record is admitted
      }
    }
    byHandler.forEach((handler, payloads) -> handler.prepare(work, payloads));
  }

  /** Lets each handler read what the record's new events of its type will need, in one go. */
  private void prepare(
      UnitOfWork work,
      List<ProcessedEvents.Candidate> candidates,
      List<ProcessedEvents.Outcome> outcomes) {
    Map<EventHandler<SpecificRecordBase>, List<SpecificRecordBase>> byHandler =
        new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (outcomes.get(i) == ProcessedEvents.Outcome.NEW) {
        SpecificRecordBase payload = (SpecificRecordBase) candidates.get(i).event().getPayload();
        handlers
            .of(payload)
            .ifPresent(h -> byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(payload));
      }
    }
    byHandler.forEach((handler, payloads) -> handler.prepare(work, payloads));
  }

  private int applyEvent(
      UnitOfWork work, ConsumerRecord<byte[], byte[]> record, ProcessedEvents.Candidate candidate) {
    NodeEvent event = candidate.event();
    SpecificRecordBase payload = (SpecificRecordBase) event.getPayload();
    EventContext<SpecificRecordBase> context =
        new EventContext<>(
            candidate.eventId(),
            event.getNodeId(),
            event.getSequence(),
            event.getOccurredAt(),
            payload);
    UnitOfWork.Mark mark = null;
    try {
      EventHandler<SpecificRecordBase> handler =
          handlers
              .of(payload)
              .orElseThrow(
                  () ->
                      new ProtocolException(
                          ReasonCode.OTHER,
                          payload.getClass().getSimpleName()
                              + " is valid protocol but this hub does not apply it yet"));
      handler.validate(context);
      if (!handler.checksBeforeChanges()) {
        mark = work.mark(candidate.eventId());
      }
      handler.apply(work, context);
      if (mark != null) {
        work.release(mark);
      }
      work.applied.add(
          new UnitOfWork.Applied(
              candidate.eventId(),
              event.getNodeId(),
              event.getSequence(),
              payload.getClass().getSimpleName(),
              candidate.payloadSha256()));
      return 1;
    } catch (ProtocolException e) {
      if (mark != null) {
        work.rollback(mark);
      }
      processed.markRejected(candidate.eventId(), e.reason().name());
      refusals.reject(work, record, event.getNodeId(), event, e.reason(), e.getMessage());
      return 0;
    }
  }

  /** Applies the batches held for a bank that now continue its stream, in order. */
  private int releaseHeld(UnitOfWork work, String nodeId) {
    int applied = 0;
    while (true) {
      UnitOfWork.Stream stream = work.streams.get(nodeId).orElseThrow();
      Optional<Quarantine.Held> held = quarantine.release(nodeId, stream.head.lastSequence() + 1);
      if (held.isEmpty()) {
        return applied;
      }
      Log.infof(
          "the gap in %s's stream is filled; applying the batch held from sequence %d",
          nodeId, held.get().firstSequence());
      applied += applyRecord(work, held.get().record(), false);
    }
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
