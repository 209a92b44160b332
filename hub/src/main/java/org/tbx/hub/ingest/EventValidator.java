package org.tbx.hub.ingest;

import java.util.Optional;
import java.util.UUID;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.RejectionReason;
import org.tbx.protocol.v0.EventEnvelope;
import org.tbx.protocol.v0.ServiceRecorded;

/** Checks a decoded event against the protocol's field rules; the message names the field and the rule. */
final class EventValidator {

  /** @return the first rule the event breaks, if any */
  Optional<ProtocolException> check(String topicNodeId, EventEnvelope event) {
    if (!topicNodeId.equals(event.getNodeId())) {
      return fail(RejectionReason.NODE_MISMATCH, "nodeId " + event.getNodeId() + " differs from the topic's node " + topicNodeId);
    }
    try {
      UUID.fromString(event.getEventId());
    } catch (IllegalArgumentException e) {
      return invalid("eventId must be a UUID, was: " + event.getEventId());
    }
    if (event.getSequence() < 1) {
      return invalid("sequence must be at least 1, was " + event.getSequence());
    }
    if (event.getPayload() instanceof ServiceRecorded deposit) {
      if (deposit.getMinutes() < FieldRules.MIN_MINUTES || deposit.getMinutes() > FieldRules.MAX_MINUTES) {
        return invalid(
            "payload.minutes must be between " + FieldRules.MIN_MINUTES + " and " + FieldRules.MAX_MINUTES
                + ", was " + deposit.getMinutes());
      }
      if (!deposit.getVolunteerId().matches(FieldRules.VOLUNTEER_ID)) {
        return invalid("payload.volunteerId must match " + FieldRules.VOLUNTEER_ID + ", was: " + deposit.getVolunteerId());
      }
      if (!deposit.getServiceCategory().matches(FieldRules.SERVICE_CATEGORY)) {
        return invalid(
            "payload.serviceCategory must match " + FieldRules.SERVICE_CATEGORY + ", was: " + deposit.getServiceCategory());
      }
    }
    return Optional.empty();
  }

  private static Optional<ProtocolException> invalid(String detail) {
    return fail(RejectionReason.INVALID_FIELD, detail);
  }

  private static Optional<ProtocolException> fail(RejectionReason reason, String detail) {
    return Optional.of(new ProtocolException(reason, detail));
  }
}
