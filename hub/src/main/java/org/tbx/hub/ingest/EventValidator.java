package org.tbx.hub.ingest;

import java.util.Optional;
import java.util.UUID;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.identity.VolunteerIds;

/** Checks the fields of one event of an accepted batch, and a deposit's credited minutes against the rulebook. */
final class EventValidator {

  /** @return a complaint when the event id is not a UUID, the one check made before the id is recorded */
  Optional<ProtocolException> checkId(NodeEvent event) {
    try {
      UUID.fromString(event.getEventId());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return fail(ReasonCode.INVALID_FIELD, "eventId must be a UUID, was: " + event.getEventId());
    }
  }

  /** @return the first field rule the event breaks, if any; the message names the field and the rule */
  Optional<ProtocolException> check(NodeEvent event) {
    Object payload = event.getPayload();
    Optional<ProtocolException> identifying = Optional.empty();
    if (payload instanceof ServiceRecorded d) {
      identifying = firstOf(person("volunteerId", d.getVolunteerId()), ref("recipientRef", d.getRecipientRef()));
    } else if (payload instanceof VolunteerEnrolled e) {
      identifying = firstOf(person("volunteerId", e.getVolunteerId()), person("guardianVolunteerId", e.getGuardianVolunteerId()));
    } else if (payload instanceof RedemptionRequested r) {
      identifying = firstOf(person("volunteerId", r.getVolunteerId()), ref("beneficiaryRef", r.getBeneficiaryRef()));
    } else if (payload instanceof HoursGifted g) {
      identifying = firstOf(person("volunteerId", g.getVolunteerId()), person("recipientVolunteerId", g.getRecipientVolunteerId()));
    }
    if (identifying.isPresent()) {
      return identifying;
    }
    if (event.getPayload() instanceof ServiceRecorded deposit) {
      return checkDeposit(deposit);
    }
    return Optional.empty();
  }

  /** A volunteer id must not carry a national ID number, and a tv1- id must have its check character right. */
  private static Optional<ProtocolException> person(String field, String volunteerId) {
    return VolunteerIds.problem(volunteerId)
        .flatMap(problem -> fail(ReasonCode.INVALID_FIELD, "payload." + field + ": " + problem));
  }

  /** A pseudonymous reference must not carry a national ID number. */
  private static Optional<ProtocolException> ref(String field, String value) {
    return VolunteerIds.containsNationalId(value)
        ? fail(ReasonCode.INVALID_FIELD, "payload." + field + " contains a national ID number; send a pseudonymous reference")
        : Optional.empty();
  }

  @SafeVarargs
  private static Optional<ProtocolException> firstOf(Optional<ProtocolException>... checks) {
    for (Optional<ProtocolException> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<ProtocolException> checkDeposit(ServiceRecorded deposit) {
    if (!deposit.getVolunteerId().matches(FieldRules.VOLUNTEER_ID)) {
      return fail(ReasonCode.INVALID_FIELD,
          "payload.volunteerId must match " + FieldRules.VOLUNTEER_ID + ", was: " + deposit.getVolunteerId());
    }
    if (!deposit.getRecipientRef().matches(FieldRules.PSEUDONYMOUS_REF)) {
      return fail(ReasonCode.INVALID_FIELD, "payload.recipientRef must match " + FieldRules.PSEUDONYMOUS_REF);
    }
    Optional<Rulebook> rulebook = Rulebooks.version(deposit.getRulebookVersion());
    if (rulebook.isEmpty()) {
      return fail(ReasonCode.UNKNOWN_RULEBOOK, "payload.rulebookVersion " + deposit.getRulebookVersion() + " is not published");
    }
    try {
      int credited = rulebook.get().creditedMinutes(deposit.getServiceCategory(), deposit.getActualMinutes());
      if (credited != deposit.getCreditedMinutes()) {
        return fail(ReasonCode.CREDITED_MINUTES_MISMATCH,
            "payload.creditedMinutes is " + deposit.getCreditedMinutes() + " but rulebook " + deposit.getRulebookVersion()
                + " credits " + credited + " for " + deposit.getActualMinutes() + " minutes of " + deposit.getServiceCategory());
      }
    } catch (ProtocolException e) {
      return Optional.of(e);
    }
    return Optional.empty();
  }

  private static Optional<ProtocolException> fail(ReasonCode reason, String detail) {
    return Optional.of(new ProtocolException(reason, detail));
  }
}
