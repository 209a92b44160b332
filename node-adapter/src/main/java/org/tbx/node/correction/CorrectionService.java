package org.tbx.node.correction;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tbx.kit.api.ApiException;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.node.submission.Submissions;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.protocol.v1.EntryReversed;
import org.tbx.protocol.v1.ServiceRated;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * What a bank says afterwards about its earlier events: reversals of mistakes, and ratings of
 * services.
 */
@ApplicationScoped
public class CorrectionService {

  /**
   * The events that move minutes and can be undone; a redemption is settled or cancelled instead.
   */
  private static final Set<String> REVERSIBLE =
      Set.of("ServiceRecorded", "HoursGifted", "HoursDonated", "GrantIssued", "PoolAllocated");

  private final Submissions submissions;

  CorrectionService(Submissions submissions) {
    this.submissions = submissions;
  }

  /** Reverses an earlier event of this bank; in the bank's own books its entries are undone. */
  public Submissions.Outcome reverse(String key, VolunteerRequests.Reversal r) {
    OutboxEvent original =
        OutboxEvent.forEventId(r.reversedEventId())
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "reversedEventId",
                        "UNKNOWN_EVENT",
                        "this bank never submitted event " + r.reversedEventId()));
    if (!REVERSIBLE.contains(original.eventType)) {
      throw ApiException.invalid(
          "reversedEventId",
          "NOT_REVERSIBLE",
          original.eventType
              + " cannot be reversed; only "
              + REVERSIBLE
              + " can (settle or cancel a redemption instead)");
    }
    if ("REJECTED".equals(original.hubStatus)) {
      throw ApiException.conflict(
          "reversedEventId",
          "ALREADY_VOID",
          "the hub rejected event "
              + original.eventId
              + " ("
              + original.hubReason
              + "), so it moved no minutes and your books and statements leave it out already;"
              + " nothing to reverse. Submit the corrected record as a new request.",
          "rejected by the hub: nothing to reverse");
    }
    return submissions.submit(
        key,
        r,
        () -> {
          List<Submissions.LocalEntry> undo =
              submissions.entriesOf(original.eventId).stream()
                  .map(
                      e ->
                          new Submissions.LocalEntry(
                              e.volunteerId(), e.debitedMinutes(), e.creditedMinutes()))
                  .toList();
          return new Submissions.Draft(
              new EntryReversed(original.eventId.toString(), r.reason()),
              Instant.now(),
              null,
              undo);
        });
  }

  /** Rates a service this bank recorded. */
  public Submissions.Outcome rate(String key, VolunteerRequests.Rating r) {
    OutboxEvent service =
        OutboxEvent.forEventId(r.serviceEventId())
            .filter(e -> ServiceRecorded.class.getSimpleName().equals(e.eventType))
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "serviceEventId",
                        "UNKNOWN_EVENT",
                        "this bank recorded no service with event id " + r.serviceEventId()));
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new ServiceRated(service.eventId.toString(), r.raterRole(), r.stars(), r.comment()),
                Instant.now(),
                null,
                List.of()));
  }
}
