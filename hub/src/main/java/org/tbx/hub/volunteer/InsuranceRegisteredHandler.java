package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.InsuranceRegistered;

/** A volunteer's accident insurance and its validity. */
@ApplicationScoped
public class InsuranceRegisteredHandler implements EventHandler<InsuranceRegistered> {

  private final VolunteerRepository volunteers;

  InsuranceRegisteredHandler(VolunteerRepository volunteers) {
    this.volunteers = volunteers;
  }

  @Override
  public Class<InsuranceRegistered> type() {
    return InsuranceRegistered.class;
  }

  @Override
  public void validate(EventContext<InsuranceRegistered> event) throws ProtocolException {
    InsuranceRegistered i = event.payload();
    Fields.person("volunteerId", i.getVolunteerId());
    if (i.getValidUntil().isBefore(i.getValidFrom())) {
      throw Fields.invalid("payload.validUntil is before payload.validFrom");
    }
  }

  @Override
  public void apply(UnitOfWork work, EventContext<InsuranceRegistered> event) {
    InsuranceRegistered i = event.payload();
    volunteers.insure(
        i.getVolunteerId(), i.getPolicyRef(), i.getInsurer(), i.getValidFrom(), i.getValidUntil());
  }

  @Override
  public String volunteerOf(InsuranceRegistered payload) {
    return payload.getVolunteerId();
  }
}
