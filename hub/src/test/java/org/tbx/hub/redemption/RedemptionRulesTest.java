package org.tbx.hub.redemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.Relation;

class RedemptionRulesTest {

  private final Rulebook rules = Rulebooks.version(1).orElseThrow();
  private final Instant now = Instant.parse("2026-11-28T01:00:00Z");

  @Test
  void servesTheVolunteerOrAnAllowedRelativeFromTheWithdrawalAge() {
    assertTrue(
        RedemptionRules.beneficiary(rules, request(Relation.SELF, LocalDate.of(1966, 11, 28)), now)
            .isEmpty());
    assertEquals(
        ReasonCode.AGE_LIMIT,
        RedemptionRules.beneficiary(rules, request(Relation.SELF, LocalDate.of(1966, 11, 29)), now)
            .orElseThrow()
            .reason());
    assertEquals(
        ReasonCode.RELATION_NOT_ALLOWED,
        RedemptionRules.beneficiary(rules, request(Relation.FRIEND, LocalDate.of(1940, 1, 1)), now)
            .orElseThrow()
            .reason());
    assertTrue(
        RedemptionRules.beneficiary(rules, request(Relation.PARENT, LocalDate.of(1940, 1, 1)), now)
            .isEmpty());
  }

  private static RedemptionRequested request(Relation relation, LocalDate born) {
    return new RedemptionRequested("r", "v", "elder", relation, born, "MEAL_ASSIST", 30, null);
  }
}
