package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerRelocated;

/** A volunteer's home bank moved; either the old or the new home bank may report it. */
@ApplicationScoped
public class VolunteerRelocatedHandler implements EventHandler<VolunteerRelocated> {

  private final VolunteerRepository volunteers;

  VolunteerRelocatedHandler(VolunteerRepository volunteers) {
    this.volunteers = volunteers;
  }

  @Override
  public Class<VolunteerRelocated> type() {
    return VolunteerRelocated.class;
  }

  @Override
  public void validate(EventContext<VolunteerRelocated> event) throws ProtocolException {
    Fields.person("volunteerId", event.payload().getVolunteerId());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<VolunteerRelocated> event)
      throws ProtocolException {
    VolunteerRelocated r = event.payload();
    if (!event.nodeId().equals(r.getFromNodeId()) && !event.nodeId().equals(r.getToNodeId())) {
      throw new ProtocolException(
          ReasonCode.NODE_MISMATCH,
          "only " + r.getFromNodeId() + " or " + r.getToNodeId() + " may report this relocation");
    }
    String home =
        volunteers
            .homeOf(r.getVolunteerId())
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ReasonCode.UNKNOWN_VOLUNTEER,
                        "volunteer " + r.getVolunteerId() + " is not enrolled"));
    if (!home.equals(r.getFromNodeId())) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "payload.fromNodeId is "
              + r.getFromNodeId()
              + " but the volunteer's home bank is "
              + home);
    }
    volunteers.moveHome(r.getVolunteerId(), r.getFromNodeId(), r.getToNodeId(), event.eventId());
    work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers))
        .changed(r.getVolunteerId());
  }

  @Override
  public String volunteerOf(VolunteerRelocated payload) {
    return payload.getVolunteerId();
  }
}
