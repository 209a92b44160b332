package org.tbx.hub.rating;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRated;

/**
 * Keeps a rating of a service the hub applied, against that service's volunteer, for credit
 * evaluation.
 */
@ApplicationScoped
public class ServiceRatedHandler implements EventHandler<ServiceRated> {

  private final ProcessedEvents processed;
  private final RatingRepository ratings;

  ServiceRatedHandler(ProcessedEvents processed, RatingRepository ratings) {
    this.processed = processed;
    this.ratings = ratings;
  }

  @Override
  public Class<ServiceRated> type() {
    return ServiceRated.class;
  }

  @Override
  public void validate(EventContext<ServiceRated> event) throws ProtocolException {
    ServiceRated rating = event.payload();
    if (rating.getStars() < 1 || rating.getStars() > 5) {
      throw Fields.invalid("payload.stars must be within 1..5, was " + rating.getStars());
    }
    if (rating.getComment() != null && rating.getComment().length() > 500) {
      throw Fields.invalid("payload.comment must be at most 500 characters");
    }
    Fields.uuid("serviceEventId", rating.getServiceEventId());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<ServiceRated> event) throws ProtocolException {
    ServiceRated rating = event.payload();
    UUID service = UUID.fromString(rating.getServiceEventId());
    String volunteer =
        processed
            .applied(service)
            .filter(a -> a.eventType().equals("ServiceRecorded"))
            .map(ProcessedEvents.Applied::volunteerId)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_EVENT,
                        "payload.serviceEventId " + service + " is not a service the hub applied"));
    ratings.insert(
        event.eventId(),
        event.nodeId(),
        service,
        volunteer,
        rating.getRaterRole().name(),
        rating.getStars(),
        rating.getComment());
  }
}
