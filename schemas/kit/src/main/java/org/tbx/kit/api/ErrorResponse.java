package org.tbx.kit.api;

import java.util.List;

/**
 * The body of every error answer of the hub and of every adapter.
 *
 * @param error a short code, e.g. {@code INVALID_FIELD}, {@code NOT_FOUND}, {@code FORBIDDEN}
 * @param message what went wrong, naming the field and the rule
 * @param fields one entry per offending field or parameter, when there are any
 */
public record ErrorResponse(String error, String message, List<FieldError> fields) {

  public ErrorResponse {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /**
   * One field and the rule it broke.
   *
   * @param field the request field, query parameter or header, e.g. {@code minutes}
   * @param message the rule it broke
   */
  public record FieldError(String field, String message) {}

  public static ErrorResponse of(String error, String message) {
    return new ErrorResponse(error, message, List.of());
  }
}
