package org.tbx.node.redemption;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ConsentRequest;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.submission.Submissions;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.RedemptionCancelled;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * Redemptions: the bank asks the hub to hold a volunteer's hours, the hub authorizes or declines,
 * and the bank settles what the care used or cancels. Settling debits the volunteer in the bank's
 * own books.
 */
@ApplicationScoped
public class RedemptionService {

  private final Submissions submissions;
  private final NodeConfig config;

  RedemptionService(Submissions submissions, NodeConfig config) {
    this.submissions = submissions;
    this.config = config;
  }

  /**
   * Stores a redemption request and its outbox event. Without a {@code redemptionId} the adapter
   * makes one from the Idempotency-Key ({@code r-} and 20 hex digits of its SHA-256), so a retry
   * names the same redemption.
   */
  @Transactional
  public Submissions.Outcome request(String key, RedemptionRequests.Request given) {
    RedemptionRequests.Request r =
        given.redemptionId() != null || key == null ? given : given.withId(idFor(key));
    if (Rulebooks.current().category(r.serviceCategory()).isEmpty()) {
      throw ApiException.invalid(
          "serviceCategory",
          "UNKNOWN_CATEGORY",
          Rulebooks.current().unknownCategory(r.serviceCategory()));
    }
    if (r.beneficiaryBirthDate().isBefore(FieldRules.OLDEST_BIRTH_DATE)) {
      throw ApiException.invalid(
          "beneficiaryBirthDate",
          "INVALID_FIELD",
          "must not be before "
              + FieldRules.OLDEST_BIRTH_DATE
              + ", was "
              + r.beneficiaryBirthDate());
    }
    if (r.redemptionId() != null) {
      submissions.lock("redemption:" + r.redemptionId());
    }
    if (r.redemptionId() != null
        && Redemption.findById(r.redemptionId()) != null
        && submissions.findByKey(key).isEmpty()) {
      throw ApiException.invalid(
          "redemptionId", "DUPLICATE_ID", "redemption " + r.redemptionId() + " exists already");
    }
    VolunteerConsent consent =
        ConsentRequest.forDebit(
            r.consent(),
            r.volunteerId(),
            config.id(),
            ConsentPurpose.REDEMPTION,
            r.requestedMinutes());
    return submissions.submit(
        key,
        r,
        () -> {
          Redemption redemption = new Redemption();
          redemption.redemptionId = r.redemptionId();
          redemption.createdAt = Instant.now();
          redemption.volunteerId = r.volunteerId();
          redemption.beneficiaryRef = r.beneficiaryRef();
          redemption.relation = r.relation().name();
          redemption.serviceCategory = r.serviceCategory();
          redemption.requestedMinutes = r.requestedMinutes();
          redemption.status = "REQUESTED";
          redemption.persist();
          return new Submissions.Draft(
              new RedemptionRequested(
                  redemption.redemptionId,
                  r.volunteerId(),
                  r.beneficiaryRef(),
                  r.relation(),
                  r.beneficiaryBirthDate(),
                  r.serviceCategory(),
                  r.requestedMinutes(),
                  consent),
              Instant.now(),
              null,
              List.of());
        });
  }

  /**
   * @return the redemption id the adapter makes for a request sent without one
   */
  static String idFor(String idempotencyKey) {
    return "r-"
        + HexFormat.of()
            .formatHex(Ed25519Keys.sha256(idempotencyKey.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 20);
  }

  /**
   * Settles an authorized redemption: the volunteer is debited what was used; the rest of the hold
   * is released.
   */
  @Transactional
  public Submissions.Outcome settle(
      String key, String redemptionId, RedemptionRequests.Settlement r) {
    return submissions.submit(
        key,
        new Keyed(redemptionId, r),
        () -> {
          Redemption redemption = authorized(redemptionId, "settled");
          if (r.usedMinutes() > redemption.authorizedMinutes) {
            throw ApiException.invalid(
                "usedMinutes",
                "INVALID_FIELD",
                "the hub authorized "
                    + redemption.authorizedMinutes
                    + " minutes for redemption "
                    + redemptionId
                    + ", was "
                    + r.usedMinutes());
          }
          redemption.status = "SETTLED";
          redemption.usedMinutes = r.usedMinutes();
          return new Submissions.Draft(
              new RedemptionSettled(redemptionId, redemption.holdId, r.usedMinutes()),
              Instant.now(),
              null,
              List.of(new Submissions.LocalEntry(redemption.volunteerId, 0, r.usedMinutes())));
        });
  }

  /** Cancels an authorized redemption: the hub releases the hold. */
  @Transactional
  public Submissions.Outcome cancel(
      String key, String redemptionId, RedemptionRequests.Cancellation r) {
    return submissions.submit(
        key,
        new Keyed(redemptionId, r),
        () -> {
          Redemption redemption = authorized(redemptionId, "cancelled");
          redemption.status = "CANCELLED";
          return new Submissions.Draft(
              new RedemptionCancelled(redemptionId, redemption.holdId, r.reason()),
              Instant.now(),
              null,
              List.of());
        });
  }

  private static Redemption authorized(String redemptionId, String verb) {
    Redemption redemption = Redemption.findById(redemptionId, LockModeType.PESSIMISTIC_WRITE);
    if (redemption == null) {
      throw ApiException.notFound("no redemption " + redemptionId + " was requested at this bank");
    }
    if (!"AUTHORIZED".equals(redemption.status)) {
      throw ApiException.conflict(
          "REDEMPTION_NOT_AUTHORIZED",
          "redemption "
              + redemptionId
              + " is "
              + redemption.status
              + "; only an AUTHORIZED redemption can be "
              + verb
              + (redemption.status.equals("REQUESTED") ? " (the hub has not answered yet)" : ""));
    }
    return redemption;
  }

  /** A write about one redemption: the path's id is part of what a retry must repeat. */
  record Keyed(String redemptionId, Object body) {}
}
