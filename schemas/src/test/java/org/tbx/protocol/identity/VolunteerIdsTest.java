package org.tbx.protocol.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VolunteerIdsTest {

  /** A made-up resident ID number with a correct check digit (GB 11643's own example). */
  private static final String ID = "11010519491231002X";

  private static final byte[] KEY =
      "a federation key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theSamePersonGetsTheSameIdAtEveryBankAndADifferentKeyGivesAnotherId() {
    String id = VolunteerIds.derive(KEY, ID);
    assertEquals(id, VolunteerIds.derive(KEY.clone(), " 11010519491231002x "));
    assertTrue(id.matches("tv1-[a-z2-7]{27}"), id);
    assertFalse(id.contains("1101051949"), "nothing of the ID number shows");
    byte[] other = Arrays.copyOf(KEY, KEY.length);
    other[0] ^= 1;
    assertNotEquals(id, VolunteerIds.derive(other, ID));
    assertTrue(VolunteerIds.problem(id).isEmpty());
  }

  @Test
  void theHubCatchesAMistypedIdWithoutTheKey() {
    String id = VolunteerIds.derive(KEY, ID);
    for (int i = 4; i < id.length(); i++) {
      char c = id.charAt(i);
      String typo = id.substring(0, i) + (c == 'a' ? 'b' : 'a') + id.substring(i + 1);
      assertTrue(
          VolunteerIds.problem(typo).isPresent(), "a changed character at " + i + " is caught");
    }
    assertTrue(VolunteerIds.problem("tv1-short").isPresent());
  }

  @Test
  void aNationalIdIsRefusedWhereverItHides() {
    assertTrue(VolunteerIds.problem(ID).isPresent());
    assertTrue(VolunteerIds.problem("v-" + ID).isPresent());
    assertTrue(VolunteerIds.containsNationalId("elder-" + ID.toLowerCase()));
    assertFalse(
        VolunteerIds.containsNationalId("elder-110105194912310021"),
        "a wrong check digit is just a number");
    assertFalse(VolunteerIds.containsNationalId("v-1234567890"));
    assertTrue(VolunteerIds.problem("v-demo-li").isEmpty());
    assertThrows(
        IllegalArgumentException.class, () -> VolunteerIds.derive(KEY, "110105194912310021"));
    assertThrows(IllegalArgumentException.class, () -> VolunteerIds.derive(new byte[16], ID));
  }
}
