package org.tbx.node.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An event waiting in the outbox, written in the same transaction as the change it describes. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

  /** Fired when an event is queued; the relay acts on it once the transaction commits. */
  public record Queued(UUID eventId) {}

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id")
  public UUID eventId;

  @Column(name = "event_type")
  public String eventType;

  /** The change this event describes, e.g. the service record's id. */
  @Column(name = "aggregate_id")
  public UUID aggregateId;

  /** The encoded envelope; its sequence is assigned when the relay seals it into a batch. */
  public byte[] envelope;

  public Long sequence;

  @Column(name = "batch_id")
  public Long batchId;

  /** ACCEPTED or REJECTED, once the hub's notice arrived. */
  @Column(name = "hub_status")
  public String hubStatus;

  /** The hub's reason code for a rejection. */
  @Column(name = "hub_reason")
  public String hubReason;

  @Column(name = "hub_detail")
  public String hubDetail;

  @Column(name = "hub_answered_at")
  public Instant hubAnsweredAt;

  /**
   * The event's leaf index in the hub's transparency log, from the hub's acceptance: its receipt.
   */
  @Column(name = "log_index")
  public Long logIndex;

  /**
   * The size of the checkpointed tree the kept inclusion proof is for, once it was fetched and
   * verified.
   */
  @Column(name = "receipt_tree_size")
  public Long receiptTreeSize;

  @Column(name = "created_at", updatable = false)
  public Instant createdAt;

  /** The key the caller chose for this write; unique, so a retry finds this event again. */
  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /**
   * SHA-256 of the request as first submitted, to tell a retry from a different request under the
   * same key.
   */
  @Column(name = "request_hash")
  public byte[] requestHash;

  /** The request as first submitted, JSON. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String request;

  /**
   * @return the event written under an idempotency key, if any
   */
  public static Optional<OutboxEvent> forKey(String idempotencyKey) {
    return find("idempotencyKey", idempotencyKey).firstResultOptional();
  }

  /**
   * @return the event with this event id, if this node wrote it
   */
  public static Optional<OutboxEvent> forEventId(UUID eventId) {
    return find("eventId", eventId).firstResultOptional();
  }

  /**
   * @return PENDING, PUBLISHED, or the hub's answer ACCEPTED / REJECTED
   */
  public String status() {
    if (hubStatus != null) {
      return hubStatus;
    }
    OutboxBatch batch = batchId == null ? null : OutboxBatch.findById(batchId);
    return batch != null && batch.publishedAt != null ? "PUBLISHED" : "PENDING";
  }

  /**
   * @return when the batch carrying this event was acknowledged by Kafka, if it was
   */
  public Instant publishedAt() {
    OutboxBatch batch = batchId == null ? null : OutboxBatch.findById(batchId);
    return batch == null ? null : batch.publishedAt;
  }

  static List<OutboxEvent> unsealed(int limit) {
    return find("batchId is null order by id").page(0, limit).list();
  }

  /** A page of events and how many there are. */
  public record Page(long total, List<OutboxEvent> items) {}

  /**
   * @return a page of events, newest first, filtered by the hub's answer and by type (null: any)
   */
  public static Page page(String hubStatus, String eventType, int page, int size) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (hubStatus != null) {
      where.append(" and hubStatus = :status");
      params.and("status", hubStatus);
    }
    if (eventType != null) {
      where.append(" and eventType = :type");
      params.and("type", eventType);
    }
    PanacheQuery<OutboxEvent> query =
        OutboxEvent.<OutboxEvent>find(where.toString(), Sort.descending("id"), params)
            .page(page, size);
    return new Page(query.count(), query.list());
  }

  /**
   * @return the event's verified inclusion proof as JSON, once it has one
   */
  @SuppressWarnings("unchecked")
  public static Optional<String> receiptProof(UUID eventId) {
    List<Object> rows =
        getEntityManager()
            .createNativeQuery(
                "select cast(receipt_proof as text) from outbox_event where event_id = :e and receipt_proof is not null")
            .setParameter("e", eventId)
            .getResultList();
    return rows.stream().findFirst().map(String.class::cast);
  }

  /**
   * @return the outbox event describing a change, if any
   */
  public static Optional<OutboxEvent> forAggregate(UUID aggregateId) {
    return find("aggregateId", aggregateId).firstResultOptional();
  }
}
