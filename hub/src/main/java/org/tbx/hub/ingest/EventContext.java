package org.tbx.hub.ingest;

import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One event of an accepted batch, as a handler sees it.
 *
 * @param eventId the producer's id, applied at most once
 * @param nodeId the bank whose stream carried it
 * @param sequence its place in the bank's stream
 * @param occurredAt when the fact happened, as the bank says
 * @param payload the fact
 */
public record EventContext<T extends SpecificRecordBase>(
    UUID eventId, String nodeId, long sequence, Instant occurredAt, T payload) {}
