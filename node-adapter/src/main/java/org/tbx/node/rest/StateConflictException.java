package org.tbx.node.rest;

/** A well-formed write that the current state does not allow (settling an undecided redemption, say); 409. */
public class StateConflictException extends RuntimeException {

  private final String rule;

  /**
   * @param rule a short code for the rule, e.g. {@code REDEMPTION_NOT_AUTHORIZED}
   * @param message what the state is and what would be allowed
   */
  public StateConflictException(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
