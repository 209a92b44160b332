package org.tbx.hub.ingest;

import java.util.UUID;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.v1.ReasonCode;

/**
 * The field rules of PROTOCOL.md section 4 that every handler's {@code validate} uses: each names
 * the payload field and the rule it breaks, with {@code INVALID_FIELD} unless said otherwise.
 */
public final class Fields {

  private Fields() {}

  /**
   * A volunteer id: the protocol's shape, no national ID number, a right check character for a tv1-
   * id.
   */
  public static void volunteerId(String field, String value) throws ProtocolException {
    person(field, value);
    if (!value.matches(FieldRules.VOLUNTEER_ID)) {
      throw invalid(
          "payload." + field + " must match " + FieldRules.VOLUNTEER_ID + ", was: " + value);
    }
  }

  /** An optional volunteer id: no national ID number, a right check character for a tv1- id. */
  public static void person(String field, String value) throws ProtocolException {
    if (value == null) {
      return;
    }
    var problem = VolunteerIds.problem(value);
    if (problem.isPresent()) {
      throw invalid("payload." + field + ": " + problem.get());
    }
  }

  /** A pseudonymous reference: the protocol's shape and no national ID number. */
  public static void ref(String field, String value) throws ProtocolException {
    noNationalId(field, value);
    if (!value.matches(FieldRules.PSEUDONYMOUS_REF)) {
      throw invalid(
          "payload."
              + field
              + " must match "
              + FieldRules.PSEUDONYMOUS_REF
              + " (a pseudonymous reference: no names, no free text), was "
              + (value.length() > 40
                  ? value.substring(0, 40) + "... (" + value.length() + " characters)"
                  : value));
    }
  }

  /** Text that must not carry a national ID number. */
  public static void noNationalId(String field, String value) throws ProtocolException {
    if (value != null && VolunteerIds.containsNationalId(value)) {
      throw invalid(
          "payload." + field + " contains a national ID number; send a pseudonymous reference");
    }
  }

  /** A whole number of minutes, at least one. */
  public static void minutes(String field, long value) throws ProtocolException {
    if (value < 1) {
      throw invalid("payload." + field + " must be at least 1, was " + value);
    }
  }

  /**
   * @return the field as a UUID
   */
  public static UUID uuid(String field, String value) throws ProtocolException {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw invalid("payload." + field + " must be a UUID, was: " + value);
    }
  }

  public static ProtocolException invalid(String detail) {
    return new ProtocolException(ReasonCode.INVALID_FIELD, detail);
  }
}
