package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.notification.Notifications;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * A bank enrolled a volunteer after verifying their real name. The first bank becomes the home bank
 * and may register the consent key the volunteer holds; another bank's enrollment is a visit, which
 * lets it debit the volunteer's minutes with their consent, and which the home bank and the
 * volunteer are told about. The home bank sending it again verifies the person again and may
 * replace the consent key.
 */
@ApplicationScoped
public class VolunteerEnrolledHandler implements EventHandler<VolunteerEnrolled> {

  /** Days are counted in China Standard Time. */
  private static final ZoneOffset DAYS_ZONE = ZoneOffset.ofHours(8);

  private final VolunteerRepository volunteers;
  private final Notifications notifications;

  VolunteerEnrolledHandler(VolunteerRepository volunteers, Notifications notifications) {
    this.volunteers = volunteers;
    this.notifications = notifications;
  }

  @Override
  public Class<VolunteerEnrolled> type() {
    return VolunteerEnrolled.class;
  }

  @Override
  public void validate(EventContext<VolunteerEnrolled> event) throws ProtocolException {
    VolunteerEnrolled e = event.payload();
    Fields.volunteerId("volunteerId", e.getVolunteerId());
    Fields.person("guardianVolunteerId", e.getGuardianVolunteerId());
    LocalDate born = e.getBirthDate();
    if (born.isBefore(FieldRules.OLDEST_BIRTH_DATE)
        || born.isAfter(LocalDate.ofInstant(event.occurredAt(), DAYS_ZONE))) {
      throw Fields.invalid(
          "payload.birthDate must be between "
              + FieldRules.OLDEST_BIRTH_DATE
              + " and the day of the enrollment, was "
              + born);
    }
    if (e.getVerification() != null) {
      Fields.ref("verification.verifiedByRef", e.getVerification().getVerifiedByRef());
    }
    if (e.getConsentPublicKey() != null) {
      consentKey(e.getConsentPublicKey());
    }
  }

  @Override
  public void apply(UnitOfWork work, EventContext<VolunteerEnrolled> event)
      throws ProtocolException {
    VolunteerEnrolled e = event.payload();
    String v = e.getVolunteerId();
    Optional<String> home = volunteers.homeOf(v);
    if (home.isEmpty()) {
      volunteers.enroll(
          v,
          event.nodeId(),
          e.getBirthDate(),
          e.getAccountType(),
          e.getGuardianVolunteerId(),
          e.getVerification(),
          event.eventId());
      registerKey(v, e.getConsentPublicKey());
    } else if (home.get().equals(event.nodeId())) {
      volunteers.enrollAs(
          v, event.nodeId(), VolunteerRepository.Role.HOME, e.getVerification(), event.eventId());
      if (e.getConsentPublicKey() != null) {
        registerKey(v, e.getConsentPublicKey());
        notifications.tell(
            null,
            v,
            Notifications.Kind.CONSENT_KEY_REGISTERED,
            v,
            "your home bank "
                + event.nodeId()
                + " registered a new consent key; consents signed with the old one no longer count");
      }
    } else {
      if (e.getConsentPublicKey() != null) {
        throw new ProtocolException(
            ReasonCode.NOT_HOME_BANK,
            "only the home bank "
                + home.get()
                + " registers volunteer "
                + v
                + "'s consent key; enrol without one");
      }
      boolean first = volunteers.enrollment(v, event.nodeId()).isEmpty();
      volunteers.enrollAs(
          v, event.nodeId(), VolunteerRepository.Role.VISIT, e.getVerification(), event.eventId());
      if (first) {
        String detail =
            "bank "
                + event.nodeId()
                + " enrolled volunteer "
                + v
                + (e.getVerification() == null
                    ? ""
                    : " (verified by " + e.getVerification().getMethod() + ")")
                + "; it may now debit their minutes with their consent";
        notifications.tell(
            home.get(), null, Notifications.Kind.VOLUNTEER_ENROLLED_ELSEWHERE, v, detail);
        notifications.tell(null, v, Notifications.Kind.VOLUNTEER_ENROLLED_ELSEWHERE, v, detail);
      }
    }
    work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers)).changed(v);
  }

  @Override
  public String volunteerOf(VolunteerEnrolled payload) {
    return payload.getVolunteerId();
  }

  private void registerKey(String volunteerId, ByteBuffer key) throws ProtocolException {
    if (key != null) {
      byte[] raw = consentKey(key);
      volunteers.registerConsentKey(
          volunteerId, raw, Ed25519Keys.keyId(Ed25519Keys.publicKey(raw)));
    }
  }

  /**
   * @return the key's raw bytes, when they are an Ed25519 public key
   */
  private static byte[] consentKey(ByteBuffer key) throws ProtocolException {
    ByteBuffer copy = key.duplicate();
    byte[] raw = new byte[copy.remaining()];
    copy.get(raw);
    try {
      Ed25519Keys.publicKey(raw);
      return raw;
    } catch (IllegalArgumentException e) {
      throw Fields.invalid(
          "payload.consentPublicKey must be a raw 32-byte Ed25519 public key: " + e.getMessage());
    }
  }
}
