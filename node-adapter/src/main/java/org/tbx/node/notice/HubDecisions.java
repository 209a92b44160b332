package org.tbx.node.notice;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;

/** Records what the hub answered about the events this node published. */
@ApplicationScoped
public class HubDecisions {

  /** Applies one verified batch of notices; applying the same notices again changes nothing. */
  @Transactional
  public void apply(List<HubNotice> notices) {
    for (HubNotice notice : notices) {
      Object payload = notice.getPayload();
      if (payload instanceof EventAccepted accepted) {
        answer(accepted.getEventId(), "ACCEPTED", null, null);
      } else if (payload instanceof EventRejected rejected && rejected.getEventId() != null) {
        answer(rejected.getEventId(), "REJECTED", rejected.getReason().name(), rejected.getDetail());
      } else if (payload instanceof EventRejected rejected) {
        Log.warnf("the hub rejected our record at offset %d: %s %s", rejected.getKafkaOffset(), rejected.getReason(),
            rejected.getDetail());
      } else {
        Log.infof("hub notice %s: %s", payload.getClass().getSimpleName(), payload);
      }
    }
  }

  private static void answer(String eventId, String status, String reason, String detail) {
    UUID id;
    try {
      id = UUID.fromString(eventId);
    } catch (IllegalArgumentException e) {
      Log.warnf("the hub answered about event %s, which is not one of ours", eventId);
      return;
    }
    int updated = org.tbx.node.outbox.OutboxEvent.update(
        "hubStatus = ?1, hubReason = ?2, hubDetail = ?3, hubAnsweredAt = ?4 where eventId = ?5",
        status, reason, detail, Instant.now(), id);
    if (updated == 0) {
      Log.warnf("the hub answered about event %s, which this node did not publish", eventId);
    }
  }
}
