package org.tbx.node.submission;

/** A write without a usable Idempotency-Key header; answered with 400. */
public class MissingIdempotencyKeyException extends RuntimeException {

  MissingIdempotencyKeyException(String key) {
    super(key == null
        ? "the Idempotency-Key header is required on every write: choose a unique key per request and reuse it to retry"
        : "the Idempotency-Key header must be 1 to 128 printable ASCII characters without spaces, was: " + key);
  }
}
