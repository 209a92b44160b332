package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.v1.NodeEvent;

/**
 * The home of "already processed": every event id the hub took up, its payload hash and its
 * outcome, so an id is applied at most once and a resubmission gets the original answer.
 */
@ApplicationScoped
public class ProcessedEvents {

  /** What recording an event id found. */
  public enum Outcome {
    /** First time: apply it. */
    NEW,
    /** Same id, same payload: already processed, nothing to do; the original outcome stands. */
    DUPLICATE,
    /** Same id, different payload: refuse it. */
    CONFLICT
  }

  /**
   * One event to record.
   *
   * @param volunteerId the volunteer it is mainly about, or null
   */
  record Candidate(UUID eventId, NodeEvent event, byte[] payloadSha256, String volunteerId) {}

  /** An event the hub applied: its type and bank. */
  public record Applied(UUID eventId, String nodeId, String eventType, String volunteerId) {}

  private final Jdbc jdbc;

  ProcessedEvents(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Records the events of one Kafka record in one statement and classifies each; an id repeated
   * within the list is classified against its first occurrence. (A lookup of the known ids first,
   * then a COPY of the new ones, was as fast in the deposit benchmark but far slower under an open
   * load of many banks: BENCHMARKS.md.)
   *
   * @return one outcome per candidate, in order
   */
  List<Outcome> recordAll(List<Candidate> candidates, ConsumerRecord<?, ?> from) {
    List<Outcome> outcomes = new ArrayList<>(candidates.size());
    if (candidates.isEmpty()) {
      return outcomes;
    }
    StringBuilder sql =
        new StringBuilder(
            "insert into processed_event (event_id, node_id, sequence, event_type, payload_sha256, kafka_topic, "
                + "kafka_partition, kafka_offset, volunteer_id) values ");
    List<Object> args = new ArrayList<>(candidates.size() * 9);
    for (int i = 0; i < candidates.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      Candidate k = candidates.get(i);
      args.addAll(
          Arrays.asList(
              k.eventId(),
              k.event().getNodeId(),
              k.event().getSequence(),
              k.event().getPayload().getClass().getSimpleName(),
              k.payloadSha256(),
              from.topic(),
              from.partition(),
              from.offset(),
              k.volunteerId()));
    }
    sql.append(" on conflict (event_id) do nothing returning event_id");
    Set<UUID> inserted =
        new HashSet<>(jdbc.list(sql.toString(), rs -> (UUID) rs.getObject(1), args.toArray()));
    UUID[] known =
        candidates.stream()
            .map(Candidate::eventId)
            .filter(id -> !inserted.contains(id))
            .toArray(UUID[]::new);
    Map<UUID, byte[]> firstHash = new HashMap<>();
    if (known.length > 0) {
      jdbc.list(
              "select event_id, payload_sha256 from processed_event where event_id = any(?)",
              rs -> Map.entry((UUID) rs.getObject(1), rs.getBytes(2)),
              (Object) known)
          .forEach(e -> firstHash.put(e.getKey(), e.getValue()));
    }
    Map<UUID, byte[]> seen = new HashMap<>();
    for (Candidate k : candidates) {
      byte[] earlier = seen.get(k.eventId());
      if (earlier == null && inserted.contains(k.eventId())) {
        outcomes.add(Outcome.NEW);
      } else {
        byte[] reference = earlier != null ? earlier : firstHash.get(k.eventId());
        outcomes.add(
            Arrays.equals(reference, k.payloadSha256()) ? Outcome.DUPLICATE : Outcome.CONFLICT);
      }
      seen.putIfAbsent(k.eventId(), k.payloadSha256());
    }
    return outcomes;
  }

  /**
   * The node id the hub's own events carry (an upheld dispute's compensation); no bank may take it.
   */
  public static final String HUB = "hub";

  /**
   * Records an event the hub itself applies (not one a bank sent), in the caller's transaction.
   *
   * @param payloadSha256 SHA-256 of the event's canonical text, its leaf's payload line
   */
  public void recordHubEvent(
      UUID eventId, String eventType, byte[] payloadSha256, String volunteerId) {
    jdbc.update(
        "insert into processed_event (event_id, node_id, sequence, event_type, payload_sha256, kafka_topic, "
            + "kafka_partition, kafka_offset, volunteer_id) values (?, ?, 0, ?, ?, ?, -1, -1, ?)",
        eventId,
        HUB,
        eventType,
        payloadSha256,
        HUB,
        volunteerId);
  }

  /**
   * Records that a rule refused the event, so a resubmission is refused the same way without a
   * second look.
   */
  void markRejected(UUID eventId, String reasonCode) {
    jdbc.update(
        "update processed_event set outcome = 'REJECTED', reason_code = ? where event_id = ?",
        reasonCode,
        eventId);
  }

  /**
   * @return an event the hub applied, when it is one
   */
  public Optional<Applied> applied(UUID eventId) {
    return jdbc.first(
        "select event_id, node_id, event_type, volunteer_id from processed_event where event_id = ? "
            + "and outcome = 'APPLIED'",
        rs ->
            new Applied((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        eventId);
  }
}
