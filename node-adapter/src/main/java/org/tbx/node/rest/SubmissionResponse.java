package org.tbx.node.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;
import org.tbx.node.outbox.OutboxEvent;

/**
 * Anything the bank submitted, and how far it got.
 *
 * @param eventId the protocol event's id; the hub's notices and proofs name it
 * @param type the event type, e.g. {@code HoursGifted}
 * @param idempotencyKey the key it was submitted under
 * @param status PENDING (in the outbox), PUBLISHED (on Kafka), ACCEPTED or REJECTED (the hub's
 *     answer)
 * @param sequence its place in the bank's stream, once sealed into a batch
 * @param hubReason the hub's reason code when REJECTED
 * @param hubDetail the hub's explanation when REJECTED
 * @param logIndex the event's leaf in the hub's transparency log once ACCEPTED
 * @param receiptTreeSize once set, this adapter holds a verified inclusion proof of the event in
 *     the hub's log of that many leaves ({@code GET /api/v1/submissions/{eventId}/receipt})
 * @param request the request as submitted
 */
public record SubmissionResponse(
    UUID eventId,
    String type,
    String idempotencyKey,
    String status,
    Long sequence,
    Instant createdAt,
    Instant publishedAt,
    Instant hubAnsweredAt,
    String hubReason,
    String hubDetail,
    Long logIndex,
    Long receiptTreeSize,
    @JsonRawValue String request) {

  static SubmissionResponse of(OutboxEvent e) {
    return new SubmissionResponse(
        e.eventId,
        e.eventType,
        e.idempotencyKey,
        e.status(),
        e.sequence,
        e.createdAt,
        e.publishedAt(),
        e.hubAnsweredAt,
        e.hubReason,
        e.hubDetail,
        e.logIndex,
        e.receiptTreeSize,
        e.request);
  }
}
