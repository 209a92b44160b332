package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.ReasonCode;

/** A volunteer no longer holds a certification. */
@ApplicationScoped
public class CertificationRevokedHandler implements EventHandler<CertificationRevoked> {

  private final VolunteerRepository volunteers;

  CertificationRevokedHandler(VolunteerRepository volunteers) {
    this.volunteers = volunteers;
  }

  @Override
  public Class<CertificationRevoked> type() {
    return CertificationRevoked.class;
  }

  @Override
  public void apply(UnitOfWork work, EventContext<CertificationRevoked> event)
      throws ProtocolException {
    CertificationRevoked r = event.payload();
    if (!volunteers.revoke(r.getVolunteerId(), r.getCertification())) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD,
          "volunteer " + r.getVolunteerId() + " holds no certification " + r.getCertification());
    }
  }

  @Override
  public String volunteerOf(CertificationRevoked payload) {
    return payload.getVolunteerId();
  }
}
