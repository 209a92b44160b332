package org.tbx.node.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.ConsentRequest;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.submission.Submissions;
import org.tbx.node.volunteer.VolunteerRequests;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.HoursDonated;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.VolunteerConsent;

/** Hours a volunteer passes on: gifts to relatives the rulebook allows, donations to a pool. */
@ApplicationScoped
public class TransferService {

  private final Submissions submissions;
  private final NodeConfig config;

  TransferService(Submissions submissions, NodeConfig config) {
    this.submissions = submissions;
    this.config = config;
  }

  public Submissions.Outcome gift(String key, VolunteerRequests.Gift r) {
    Rulebook rules = Rulebooks.current();
    if (!rules.mayGiftTo(r.relation())) {
      throw ApiException.invalid(
          "relation",
          "RELATION_NOT_ALLOWED",
          "rulebook "
              + rules.version()
              + " allows gifts only to "
              + rules.giftRelations()
              + ", was "
              + r.relation());
    }
    if (r.volunteerId().equals(r.recipientVolunteerId())) {
      throw ApiException.invalid(
          "recipientVolunteerId", "INVALID_FIELD", "a volunteer cannot gift hours to themself");
    }
    VolunteerConsent consent =
        ConsentRequest.forDebit(
            r.consent(), r.volunteerId(), config.id(), ConsentPurpose.GIFT, r.minutes());
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new HoursGifted(
                    r.volunteerId(), r.recipientVolunteerId(), r.relation(), r.minutes(), consent),
                Instant.now(),
                null,
                List.of(
                    new Submissions.LocalEntry(r.volunteerId(), 0, r.minutes()),
                    new Submissions.LocalEntry(r.recipientVolunteerId(), r.minutes(), 0))));
  }

  public Submissions.Outcome donate(String key, VolunteerRequests.Donation r) {
    VolunteerConsent consent =
        ConsentRequest.forDebit(
            r.consent(), r.volunteerId(), config.id(), ConsentPurpose.DONATION, r.minutes());
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new HoursDonated(r.volunteerId(), r.poolId(), r.minutes(), consent),
                Instant.now(),
                null,
                List.of(new Submissions.LocalEntry(r.volunteerId(), 0, r.minutes()))));
  }
}
