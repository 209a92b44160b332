package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.protocol.v1.NodeEvent;

/**
 * The home of "already processed": every event id the hub took up, its payload hash and its outcome, so an
 * id is applied at most once and a resubmission gets the original answer.
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

  /** One event to record: its parsed id and payload hash. */
  record Candidate(UUID eventId, NodeEvent event, byte[] payloadSha256) {}

  /**
   * Records many events of one Kafka record in one statement and classifies each; an id repeated within
   * the list is classified against its first occurrence.
   *
   * @return one outcome per candidate, in order
   */
  List<Outcome> recordAll(Connection c, List<Candidate> candidates, ConsumerRecord<?, ?> from) throws SQLException {
    List<Outcome> outcomes = new ArrayList<>(candidates.size());
    if (candidates.isEmpty()) {
      return outcomes;
    }
    Set<UUID> inserted = new HashSet<>();
    StringBuilder sql = new StringBuilder("insert into processed_event (event_id, node_id, sequence, event_type, "
        + "payload_sha256, kafka_topic, kafka_partition, kafka_offset, volunteer_id) values ");
    for (int i = 0; i < candidates.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    sql.append(" on conflict (event_id) do nothing returning event_id");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (Candidate k : candidates) {
        ps.setObject(p++, k.eventId());
        ps.setString(p++, k.event().getNodeId());
        ps.setLong(p++, k.event().getSequence());
        ps.setString(p++, k.event().getPayload().getClass().getSimpleName());
        ps.setBytes(p++, k.payloadSha256());
        ps.setString(p++, from.topic());
        ps.setInt(p++, from.partition());
        ps.setLong(p++, from.offset());
        ps.setString(p++, EventApplier.volunteerOf(k.event().getPayload()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add((UUID) rs.getObject(1));
        }
      }
    }
    Map<UUID, byte[]> firstHash = new HashMap<>();
    List<UUID> known = new ArrayList<>();
    for (Candidate k : candidates) {
      if (!inserted.contains(k.eventId())) {
        known.add(k.eventId());
      }
    }
    if (!known.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "select event_id, payload_sha256 from processed_event where event_id = any(?)")) {
        ps.setArray(1, c.createArrayOf("uuid", known.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            firstHash.put((UUID) rs.getObject(1), rs.getBytes(2));
          }
        }
      }
    }
    Set<UUID> seen = new HashSet<>();
    Map<UUID, byte[]> seenHash = new HashMap<>();
    for (Candidate k : candidates) {
      byte[] earlier = seen.contains(k.eventId()) ? seenHash.get(k.eventId()) : null;
      if (earlier == null && inserted.contains(k.eventId())) {
        outcomes.add(Outcome.NEW);
      } else {
        byte[] reference = earlier != null ? earlier : firstHash.get(k.eventId());
        outcomes.add(Arrays.equals(reference, k.payloadSha256()) ? Outcome.DUPLICATE : Outcome.CONFLICT);
      }
      if (seen.add(k.eventId())) {
        seenHash.put(k.eventId(), k.payloadSha256());
      }
    }
    return outcomes;
  }

  /** Records that a rule refused the event, so a resubmission is refused the same way without a second look. */
  void markRejected(Connection c, UUID eventId, String reasonCode) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("update processed_event set outcome = 'REJECTED', reason_code = ? where event_id = ?")) {
      ps.setString(1, reasonCode);
      ps.setObject(2, eventId);
      ps.executeUpdate();
    }
  }
}
