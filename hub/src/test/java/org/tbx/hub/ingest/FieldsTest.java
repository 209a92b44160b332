package org.tbx.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;

class FieldsTest {

  @Test
  void refusesAVolunteerIdCarryingANationalIdNumberAndNamesTheField() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> Fields.volunteerId("volunteerId", "v-110101199003074477"));
    assertEquals(ReasonCode.INVALID_FIELD, e.reason());
    assertTrue(e.getMessage().startsWith("payload.volunteerId"), e.getMessage());
    assertTrue(e.getMessage().contains("national ID"), e.getMessage());
  }

  @Test
  void refusesAReferenceOfTheWrongShape() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Fields.ref("recipientRef", "张三"));
    assertTrue(e.getMessage().contains("payload.recipientRef must match"), e.getMessage());
    assertDoesNotThrow(() -> Fields.ref("recipientRef", "elder-7"));
  }

  @Test
  void refusesMinutesBelowOneAndAnIdThatIsNoUuid() {
    assertThrows(ProtocolException.class, () -> Fields.minutes("minutes", 0));
    assertDoesNotThrow(() -> Fields.minutes("minutes", 1));
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Fields.uuid("holdId", "nope"));
    assertEquals("payload.holdId must be a UUID, was: nope", e.getMessage());
  }

  @Test
  void acceptsAMissingOptionalPerson() {
    assertDoesNotThrow(() -> Fields.person("guardianVolunteerId", null));
  }
}
