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
 * A volunteer's standing as the rulebook in force scores it (the first that defines a standing,
 * before any is in force), and the honours they hold, computed on every request from what the banks
 * reported; nothing about it is stored, so it moves with the volunteer and a new rulebook's weights
 * apply to the whole past once it is in force.
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
    LocalDate today = LocalDate.ofInstant(clock.instant(), DepositRules.CHINA);
    Rulebook rulebook = scoring(today);
    StandingRules rules = rulebook.standing();
    StandingInputs.Read read = inputs.of(volunteerId);
    return new Scored(
        volunteerId,
        rulebook.version(),
        today,
        rules,
        rules.standing(read.inputs(), today),
        Honour.held(rulebook.honours(), read.movements()));
  }

  /**
   * @return the newest rulebook in force on the day that defines a standing, or the first that
   *     defines one when none such is in force yet
   */
  static Rulebook scoring(LocalDate day) {
    List<Rulebook> scoring = Rulebooks.all().stream().filter(r -> r.standing() != null).toList();
    if (scoring.isEmpty()) {
      throw ApiException.notFound("no published rulebook defines a standing");
    }
    return scoring.stream()
        .filter(r -> !r.effectiveDate().isAfter(day))
        .reduce((older, newer) -> newer)
        .orElse(scoring.get(0));
  }
}
