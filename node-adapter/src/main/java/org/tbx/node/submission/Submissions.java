package org.tbx.node.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v1.NodeEvent;

/**
 * Takes each write of the local API exactly once: under the caller's idempotency key it stores the
 * event for the hub in the outbox, together with the write's own rows and its effect on the bank's
 * books, in one transaction. A retry with the same key and request returns the first event and
 * changes nothing.
 */
@ApplicationScoped
public class Submissions {

  /** What the header may hold: printable ASCII without spaces, 1 to 128 characters. */
  public static final String KEY_RULE = "[\\x21-\\x7E]{1,128}";

  /** The header carrying the caller's idempotency key. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * What one write produces.
   *
   * @param payload the protocol event's payload
   * @param occurredAt when the fact happened, as the bank knows it
   * @param aggregateId the local row this write created or changed, if any
   * @param entries the write's effect on volunteers' posted balances, as the bank sees it
   */
  public record Draft(
      SpecificRecordBase payload, Instant occurredAt, UUID aggregateId, List<LocalEntry> entries) {}

  /** Minutes one event credits to or debits from one volunteer, in the bank's own view. */
  public record LocalEntry(String volunteerId, long creditedMinutes, long debitedMinutes) {}

  /**
   * The result of a write.
   *
   * @param replayed true when the key was used before and this is the first write's event
   */
  public record Outcome(OutboxEvent event, boolean replayed) {}

  private final NodeConfig config;
  private final ObjectMapper json;
  private final Event<OutboxEvent.Queued> queued;

  Submissions(NodeConfig config, ObjectMapper json, Event<OutboxEvent.Queued> queued) {
    this.config = config;
    this.json = json;
    this.queued = queued;
  }

  /**
   * @param key the caller's idempotency key
   * @param request the validated request, stored as JSON and hashed to recognise a retry
   * @param draft builds the write; called only for a key not seen before, inside the transaction
   * @throws ApiException 400 without a usable key, 409 when the key was used for a different
   *     request; thrown before anything is written, so it leaves a caller's transaction usable
   */
  @Transactional(dontRollbackOn = ApiException.class)
  public Outcome submit(String key, Object request, Supplier<Draft> draft) {
    if (key == null || !key.matches(KEY_RULE)) {
      throw ApiException.invalid(
          IDEMPOTENCY_KEY,
          "INVALID_FIELD",
          key == null
              ? "is required on every write: choose a unique key per request and reuse it to retry"
              : "must be 1 to 128 printable ASCII characters without spaces, was: " + key);
    }
    String body = toJson(request);
    byte[] hash = sha256(body);
    lock("key:" + key);
    Optional<OutboxEvent> earlier = OutboxEvent.forKey(key);
    if (earlier.isPresent()) {
      if (!Arrays.equals(earlier.get().requestHash, hash)) {
        throw ApiException.conflict(
            IDEMPOTENCY_KEY,
            "IDEMPOTENCY_KEY_REUSED",
            "Idempotency-Key "
                + key
                + " was already used for a different "
                + earlier.get().eventType
                + " request (event "
                + earlier.get().eventId
                + "); choose a new key for a new request",
            "already used for a different request");
      }
      return new Outcome(earlier.get(), true);
    }
    return new Outcome(write(key, hash, body, draft.get()), false);
  }

  /**
   * Queues one more event of a write already being submitted (a statement's later parts), under a
   * key derived from the write's.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String key, SpecificRecordBase payload) {
    write(key, null, null, new Draft(payload, Instant.now(), null, List.of()));
  }

  private OutboxEvent write(String key, byte[] hash, String body, Draft d) {
    OutboxEvent event = new OutboxEvent();
    event.eventId = UUID.randomUUID();
    event.eventType = d.payload().getClass().getSimpleName();
    event.aggregateId = d.aggregateId() != null ? d.aggregateId() : event.eventId;
    event.idempotencyKey = key;
    event.createdAt = Instant.now();
    event.requestHash = hash;
    event.request = body;
    event.envelope =
        BatchCodec.encode(
            NodeEvent.newBuilder()
                .setEventId(event.eventId.toString())
                .setNodeId(config.id())
                .setSequence(0)
                .setOccurredAt(d.occurredAt())
                .setRecordedAt(Instant.now())
                .setPayload(d.payload())
                .build());
    event.persist();
    queued.fire(new OutboxEvent.Queued(event.eventId));
    for (LocalEntry entry : d.entries()) {
      Panache.getEntityManager()
          .createNativeQuery(
              "insert into local_entry (event_id, volunteer_id, credited_minutes, debited_minutes) "
                  + "values (:e, :v, :c, :d)")
          .setParameter("e", event.eventId)
          .setParameter("v", entry.volunteerId())
          .setParameter("c", entry.creditedMinutes())
          .setParameter("d", entry.debitedMinutes())
          .executeUpdate();
    }
    return event;
  }

  /**
   * Serialises the transactions that name the same thing (an idempotency key, a redemption id)
   * until they commit, so two racing requests cannot both pass a uniqueness check.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lock(String name) {
    Panache.getEntityManager()
        .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:k, 0))")
        .setParameter("k", name)
        .getResultList();
  }

  /**
   * @return the event written under a key, if any
   */
  public Optional<OutboxEvent> findByKey(String key) {
    return key == null ? Optional.empty() : OutboxEvent.forKey(key);
  }

  /**
   * @return the bank's own entries of an event, to reverse them
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<LocalEntry> entriesOf(UUID eventId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select volunteer_id, credited_minutes, debited_minutes from local_entry where event_id = :e")
            .setParameter("e", eventId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new LocalEntry(
                    (String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
        .toList();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String toJson(Object request) {
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the request as JSON", e);
    }
  }
}
