package org.tbx.protocol;

/** Why the hub did not apply a record or an event; the closed list the hub reports to banks. */
public enum RejectionReason {
  /** The record had no value. */
  EMPTY_RECORD,
  /** The record is larger than {@link BatchCodec#MAX_BATCH_BYTES}. */
  TOO_LARGE,
  /** The bytes do not start with the Avro single-object marker, or name a schema fingerprint no version defines. */
  UNKNOWN_SCHEMA,
  /** The bytes name a known schema but do not decode under it (truncated or corrupt). */
  UNDECODABLE,
  /** The record arrived on a topic that is not {@code tbx.node.<nodeId>.out}. */
  UNKNOWN_TOPIC,
  /** The batch or an event claims a node other than the one whose topic carried it. */
  NODE_MISMATCH,
  /** A field breaks a rule of the protocol; the detail names the field and the rule. */
  INVALID_FIELD,
  /** An event id already applied arrived again with a different payload. */
  DUPLICATE_ID_DIFFERENT_PAYLOAD
}
