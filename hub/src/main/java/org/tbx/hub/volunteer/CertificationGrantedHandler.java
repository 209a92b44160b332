package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.CertificationGranted;

/** A volunteer holds a certification the catalogue may require (granting it again renews it). */
@ApplicationScoped
public class CertificationGrantedHandler implements EventHandler<CertificationGranted> {

  private final VolunteerRepository volunteers;

  CertificationGrantedHandler(VolunteerRepository volunteers) {
    this.volunteers = volunteers;
  }

  @Override
  public Class<CertificationGranted> type() {
    return CertificationGranted.class;
  }

  @Override
  public void validate(EventContext<CertificationGranted> event) throws ProtocolException {
    Fields.person("volunteerId", event.payload().getVolunteerId());
  }

  @Override
  public void apply(UnitOfWork work, EventContext<CertificationGranted> event) {
    CertificationGranted g = event.payload();
    volunteers.grant(g.getVolunteerId(), g.getCertification(), g.getIssuer(), g.getValidUntil());
  }

  @Override
  public String volunteerOf(CertificationGranted payload) {
    return payload.getVolunteerId();
  }
}
