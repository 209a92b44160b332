package org.tbx.node.rest;

import java.util.List;

/**
 * The body of every error answer.
 *
 * @param error a short code, e.g. {@code INVALID_FIELD}
 * @param message what went wrong, naming the field and the rule
 * @param fields one entry per offending field, when there are any
 */
public record ErrorResponse(String error, String message, List<FieldError> fields) {

  /** One field and the rule it broke. */
  public record FieldError(String field, String message) {}

  public static ErrorResponse of(String error, String message) {
    return new ErrorResponse(error, message, List.of());
  }
}
