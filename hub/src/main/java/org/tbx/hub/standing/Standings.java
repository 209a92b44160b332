package org.tbx.hub.standing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.kit.api.ApiException;
import org.tbx.protocol.rules.Honour;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.StandingRules;

/**
 * A volunteer's standing as the newest rulebook scores it, and the honours they hold, computed on
 * every request from what the banks reported; nothing about it is stored, so it moves with the
 * volunteer and a new rulebook's weights apply to the whole past.
 */
@ApplicationScoped
public class Standings {

  /**
   * @param rulebookVersion the version whose weights scored it
   * @param asOf the day it was computed for, China Standard Time
   */
  public record Scored(
      String volunteerId,
      int rulebookVersion,
      LocalDate asOf,
      StandingRules rules,
      StandingRules.Standing standing,
      List<Honour.Held> honours) {}

  private final StandingInputs inputs;
  private final Clock clock;

  Standings(StandingInputs inputs, Clock clock) {
    this.inputs = inputs;
    this.clock = clock;
  }

  public Scored of(String volunteerId) {
    Rulebook rulebook = Rulebooks.current();
    StandingRules rules = rulebook.standing();
    if (rules == null) {
      throw ApiException.notFound(
          "rulebook " + rulebook.version() + " defines no standing; it starts with version 3");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), DepositRules.CHINA);
    StandingInputs.Read read = inputs.of(volunteerId);
    return new Scored(
        volunteerId,
        rulebook.version(),
        today,
        rules,
        rules.standing(read.inputs(), today),
        Honour.held(rulebook.honours(), read.movements()));
  }
}
