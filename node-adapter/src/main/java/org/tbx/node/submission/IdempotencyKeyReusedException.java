package org.tbx.node.submission;

import org.tbx.node.outbox.OutboxEvent;

/** An idempotency key that was already used for a different request; answered with 409. */
public class IdempotencyKeyReusedException extends RuntimeException {

  IdempotencyKeyReusedException(String key, OutboxEvent earlier) {
    super("Idempotency-Key " + key + " was already used for a different " + earlier.eventType + " request (event "
        + earlier.eventId + "); choose a new key for a new request");
  }
}
