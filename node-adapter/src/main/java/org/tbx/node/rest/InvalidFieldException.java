package org.tbx.node.rest;

import java.util.Objects;

/** A request field that is well-formed but breaks a rule (of the rulebook, say); answered with 400. */
public class InvalidFieldException extends RuntimeException {

  private final String field;
  private final String reason;

  /**
   * @param field the request field, e.g. {@code serviceCategory}
   * @param reason the protocol's reason code, e.g. {@code UNKNOWN_CATEGORY}
   * @param message what rule it breaks
   */
  public InvalidFieldException(String field, String reason, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
