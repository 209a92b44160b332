package org.tbx.node.notice;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.node.redemption.Redemption;
import org.tbx.node.statement.StatementService;
import org.tbx.node.webhook.WebhookOutbox;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.LogCheckpoint;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.RedemptionAuthorized;
import org.tbx.protocol.v1.RedemptionDeclined;

/**
 * Records what the hub answered about the events this node published: each event's acceptance or
 * rejection, redemption decisions and reconciliation results; decisions are also queued for the
 * webhook.
 */
@ApplicationScoped
public class HubDecisions {

  private final WebhookOutbox webhook;
  private final StatementService statements;
  private final CheckpointWatch checkpoints;
  private final ParkedNotices parked;

  HubDecisions(
      WebhookOutbox webhook,
      StatementService statements,
      CheckpointWatch checkpoints,
      ParkedNotices parked) {
    this.webhook = webhook;
    this.statements = statements;
    this.checkpoints = checkpoints;
    this.parked = parked;
  }

  /**
   * Applies one verified batch of notices; applying the same notices again changes nothing. A
   * notice of a kind this adapter does not know is parked with the record's bytes.
   */
  @Transactional
  public void apply(List<HubNotice> notices, ConsumerRecord<byte[], byte[]> record) {
    for (int i = 0; i < notices.size(); i++) {
      HubNotice notice = notices.get(i);
      Object payload = notice.getPayload();
      if (payload instanceof EventAccepted accepted) {
        answer(accepted.getEventId(), "ACCEPTED", null, null);
        if (accepted.getLogIndex() != null) {
          OutboxEvent.update(
              "logIndex = ?1 where eventId = ?2",
              accepted.getLogIndex(),
              UUID.fromString(accepted.getEventId()));
        }
      } else if (payload instanceof LogCheckpoint checkpoint) {
        checkpoints.received(checkpoint);
      } else if (payload instanceof EventRejected rejected && rejected.getEventId() != null) {
        answer(
            rejected.getEventId(), "REJECTED", rejected.getReason().name(), rejected.getDetail());
      } else if (payload instanceof EventRejected rejected) {
        Log.warnf(
            "the hub rejected our record at offset %d: %s %s",
            rejected.getKafkaOffset(), rejected.getReason(), rejected.getDetail());
      } else if (payload instanceof RedemptionAuthorized authorized) {
        authorized(authorized);
      } else if (payload instanceof RedemptionDeclined declined) {
        declined(declined);
      } else if (payload instanceof ReconciliationResult result) {
        if (statements.reconciled(result)) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("statementId", result.getStatementId());
          body.put("asOfSequence", result.getAsOfSequence());
          body.put("matched", result.getMatched());
          body.put("differences", result.getDifferences().size());
          webhook.enqueue("ReconciliationResult", body);
        }
      } else {
        Log.warnf(
            "hub notice %d of offset %d is of a kind this adapter does not know; parked",
            i, record.offset());
        parked.park(
            record.partition(),
            record.offset(),
            record.value(),
            i,
            "UNKNOWN_NOTICE",
            "notice "
                + notice.getNoticeId()
                + " carries "
                + (payload == null ? "nothing" : payload.getClass().getSimpleName()));
      }
    }
  }

  private void authorized(RedemptionAuthorized a) {
    Redemption r = Redemption.findById(a.getRedemptionId());
    if (r == null || !"REQUESTED".equals(r.status)) {
      Log.debugf(
          "authorization of redemption %s ignored: %s",
          a.getRedemptionId(), r == null ? "unknown" : r.status);
      return;
    }
    r.status = "AUTHORIZED";
    r.holdId = a.getHoldId();
    r.authorizedMinutes = a.getAuthorizedMinutes();
    r.expiresAt = a.getExpiresAt();
    r.decidedAt = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("redemptionId", r.redemptionId);
    body.put("volunteerId", r.volunteerId);
    body.put("status", r.status);
    body.put("holdId", r.holdId);
    body.put("authorizedMinutes", r.authorizedMinutes);
    body.put("expiresAt", r.expiresAt.toString());
    webhook.enqueue("RedemptionAuthorized", body);
  }

  private void declined(RedemptionDeclined d) {
    Redemption r = Redemption.findById(d.getRedemptionId());
    if (r != null && "AUTHORIZED".equals(r.status) && d.getReason() == ReasonCode.HOLD_EXPIRED) {
      expired(r, d);
      return;
    }
    if (r == null || !"REQUESTED".equals(r.status)) {
      Log.debugf(
          "decline of redemption %s ignored: %s",
          d.getRedemptionId(), r == null ? "unknown" : r.status);
      return;
    }
    r.status = "DECLINED";
    r.declineReason = d.getReason().name();
    r.declineDetail = d.getDetail();
    r.decidedAt = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("redemptionId", r.redemptionId);
    body.put("volunteerId", r.volunteerId);
    body.put("status", r.status);
    body.put("reason", r.declineReason);
    body.put("detail", r.declineDetail);
    webhook.enqueue("RedemptionDeclined", body);
  }

  /** The hub released an authorized hold that was neither settled nor cancelled in time. */
  private void expired(Redemption r, RedemptionDeclined d) {
    r.status = "EXPIRED";
    r.declineReason = d.getReason().name();
    r.declineDetail = d.getDetail();
    r.decidedAt = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("redemptionId", r.redemptionId);
    body.put("volunteerId", r.volunteerId);
    body.put("status", r.status);
    body.put("detail", r.declineDetail);
    webhook.enqueue("RedemptionExpired", body);
  }

  private static void answer(String eventId, String status, String reason, String detail) {
    UUID id;
    try {
      id = UUID.fromString(eventId);
    } catch (IllegalArgumentException e) {
      Log.warnf("the hub answered about event %s, which is not one of ours", eventId);
      return;
    }
    int updated =
        OutboxEvent.update(
            "hubStatus = ?1, hubReason = ?2, hubDetail = ?3, hubAnsweredAt = ?4 where eventId = ?5 and hubStatus is null",
            status,
            reason,
            detail,
            Instant.now(),
            id);
    if (updated == 0 && OutboxEvent.forEventId(id).isEmpty()) {
      Log.warnf("the hub answered about event %s, which this node did not publish", eventId);
    }
  }
}
