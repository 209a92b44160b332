package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerRelocated;

/**
 * A volunteer's home bank moved. Only the home bank the volunteer leaves reports it (the new bank
 * asks it to): the home bank alone registers the volunteer's consent key, so no other bank may make
 * itself home.
 */
@ApplicationScoped
public class VolunteerRelocatedHandler implements EventHandler<VolunteerRelocated> {

  private final VolunteerRepository volunteers;
  private final NodeRegistry registry;

  VolunteerRelocatedHandler(VolunteerRepository volunteers, NodeRegistry registry) {
    this.volunteers = volunteers;
    this.registry = registry;
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
    if (!event.nodeId().equals(r.getFromNodeId())) {
      throw new ProtocolException(
          ReasonCode.NODE_MISMATCH,
          "only the home bank the volunteer leaves ("
              + r.getFromNodeId()
              + ") reports a relocation; "
              + event.nodeId()
              + " asks it to");
    }
    if (r.getToNodeId().equals(r.getFromNodeId()) || !registry.exists(r.getToNodeId())) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "payload.toNodeId " + r.getToNodeId() + " is not another registered bank");
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
