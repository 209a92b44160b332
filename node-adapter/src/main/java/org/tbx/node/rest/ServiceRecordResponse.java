package org.tbx.node.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A submitted service record and how far it has travelled.
 *
 * @param creditedMinutes minutes credited by the rulebook version named
 * @param status {@code PENDING} (in the outbox), {@code PUBLISHED} (acknowledged by Kafka), then
 *     the hub's answer: {@code ACCEPTED} or {@code REJECTED}
 * @param hubReason the hub's reason code for a rejection
 * @param sequence its number in this node's stream, once sealed into a batch
 */
public record ServiceRecordResponse(
    UUID id,
    UUID eventId,
    String volunteerId,
    String serviceCategory,
    String recipientRef,
    Instant startedAt,
    int actualMinutes,
    int creditedMinutes,
    int rulebookVersion,
    String status,
    Long sequence,
    Instant publishedAt,
    String hubReason,
    String hubDetail) {}
