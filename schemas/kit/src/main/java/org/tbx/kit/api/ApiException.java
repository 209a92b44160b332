package org.tbx.kit.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;

/**
 * A request the API refuses, with the status and the {@link ErrorResponse} to answer; never a stack
 * trace.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final ErrorResponse body;

  private ApiException(int status, ErrorResponse body) {
    super(body.message(), null, false, false);
    this.status = status;
    this.body = body;
  }

  /**
   * A well-formed request field that breaks a rule; 400.
   *
   * @param field the request field, query parameter or header
   * @param error the reason code, e.g. {@code UNKNOWN_CATEGORY}
   * @param message the rule it breaks
   */
  public static ApiException invalid(String field, String error, String message) {
    Objects.requireNonNull(field, "field");
    return new ApiException(
        400,
        new ErrorResponse(
            error, field + " " + message, List.of(new ErrorResponse.FieldError(field, message))));
  }

  /** A request that is wrong as a whole; 400. */
  public static ApiException badRequest(String error, String message) {
    return new ApiException(400, ErrorResponse.of(error, message));
  }

  /** Something the caller named does not exist; 404. */
  public static ApiException notFound(String message) {
    return new ApiException(404, ErrorResponse.of("NOT_FOUND", message));
  }

  /** A well-formed write the current state does not allow; 409. */
  public static ApiException conflict(String error, String message) {
    return new ApiException(409, ErrorResponse.of(error, message));
  }

  /** A conflict about one field, e.g. an idempotency key used for another request; 409. */
  public static ApiException conflict(
      String field, String error, String message, String fieldMessage) {
    return new ApiException(
        409,
        new ErrorResponse(
            error, message, List.of(new ErrorResponse.FieldError(field, fieldMessage))));
  }

  /** The caller's token is valid but may not do this; 403. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, ErrorResponse.of("FORBIDDEN", message));
  }

  /** The caller has no valid token; 401. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, ErrorResponse.of("UNAUTHORIZED", message));
  }

  /** A request whose answer is another status, e.g. 413 or 415. */
  public static ApiException of(int status, String error, String message) {
    return new ApiException(status, ErrorResponse.of(error, message));
  }

  public int status() {
    return status;
  }

  public ErrorResponse body() {
    return body;
  }

  /**
   * @return the answer: the status with the body as JSON
   */
  public Response toResponse() {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
