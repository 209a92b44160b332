package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerEnrolled;

/** A bank enrolled a volunteer: it becomes their home bank. */
@ApplicationScoped
public class VolunteerEnrolledHandler implements EventHandler<VolunteerEnrolled> {

  private final VolunteerRepository volunteers;

  VolunteerEnrolledHandler(VolunteerRepository volunteers) {
    this.volunteers = volunteers;
  }

  @Override
  public Class<VolunteerEnrolled> type() {
    return VolunteerEnrolled.class;
  }

  @Override
  public void validate(EventContext<VolunteerEnrolled> event) throws ProtocolException {
    Fields.person("volunteerId", event.payload().getVolunteerId());
    Fields.person("guardianVolunteerId", event.payload().getGuardianVolunteerId());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<VolunteerEnrolled> event)
      throws ProtocolException {
    VolunteerEnrolled e = event.payload();
    Optional<String> home = volunteers.homeOf(e.getVolunteerId());
    if (home.isPresent()) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "volunteer "
              + e.getVolunteerId()
              + " is already enrolled at "
              + home.get()
              + (home.get().equals(event.nodeId())
                  ? ""
                  : "; send VolunteerRelocated to move them"));
    }
    volunteers.enroll(
        e.getVolunteerId(),
        event.nodeId(),
        e.getBirthDate(),
        e.getAccountType(),
        e.getGuardianVolunteerId());
    work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers))
        .changed(e.getVolunteerId());
  }

  @Override
  public String volunteerOf(VolunteerEnrolled payload) {
    return payload.getVolunteerId();
  }
}
