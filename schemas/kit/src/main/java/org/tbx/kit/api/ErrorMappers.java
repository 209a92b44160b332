package org.tbx.kit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tbx.kit.security.AuthFailureHandler;

/**
 * Turns every refused request of the hub and the adapters into the one {@link ErrorResponse} shape,
 * naming the field and the rule; never a stack trace.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  /**
   * Jackson's "(start marker at [Source: ...])" and "[Source: ...]" fragments, which say nothing to
   * a caller.
   */
  /** A fully qualified Java class name, e.g. {@code org.tbx.protocol.v1.Relation}. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*at \\[Source:[^\\]]*\\]");

  @ServerExceptionMapper
  public Response refused(ApiException e) {
    return e.toResponse();
  }

  /** A protected endpoint called without a token. */
  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthorizedAnswer(AuthFailureHandler.unauthorized(e));
  }

  /** A token that fails verification or the federation's token rules. */
  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthorizedAnswer(AuthFailureHandler.unauthorized(e));
  }

  /** A valid token whose role may not call the endpoint. */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return answer(403, AuthFailureHandler.forbidden());
  }

  /**
   * A fault of the service, not of the request: logged once with its stack trace under an id the
   * answer carries, so an operator can find it; the caller sees no internals.
   */
  @ServerExceptionMapper
  public Response fault(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "request failed; error id %s", id);
    return answer(
        500,
        ErrorResponse.of(
            "INTERNAL_ERROR",
            "the service failed to answer; nothing was changed by this request unless it says so."
                + " Report error id "
                + id));
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<ErrorResponse.FieldError> fields =
        e.getConstraintViolations().stream()
            .map(v -> new ErrorResponse.FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(ErrorResponse.FieldError::field))
            .toList();
    String message =
        fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return answer(400, new ErrorResponse("INVALID_FIELD", message, fields));
  }

  /**
   * Replaces Quarkus' built-in mapper for this type, whose answer does not follow {@link
   * ErrorResponse}.
   */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  /**
   * Quarkus reports an unparsable body as a bare 400 carrying the parser's exception as its cause.
   */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    if (e instanceof NotSupportedException) {
      return answer(
          415,
          ErrorResponse.of(
              "UNSUPPORTED_MEDIA_TYPE",
              "the body must be JSON: send Content-Type: application/json"));
    }
    if (e instanceof NotFoundException && !e.getResponse().hasEntity()) {
      return answer(
          404,
          ErrorResponse.of("NOT_FOUND", "no such resource; see the API document at /q/openapi"));
    }
    if (e instanceof NotAllowedException) {
      return answer(
          405,
          ErrorResponse.of(
              "METHOD_NOT_ALLOWED",
              "this path does not take that method; allowed: "
                  + e.getResponse().getAllowedMethods()));
    }
    return e.getResponse();
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    String field = "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
    }
    String reason;
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      reason = "must be " + expected(mismatch.getTargetType());
      if (e instanceof InvalidFormatException format && format.getValue() != null) {
        reason += ", was " + format.getValue();
      }
    } else {
      reason = plain(SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
    }
    if (e.getLocation() != null) {
      reason +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    if (field.isEmpty()) {
      return answer(
          400, ErrorResponse.of("MALFORMED_JSON", "the body is not valid JSON: " + reason));
    }
    return answer(
        400,
        new ErrorResponse(
            "INVALID_FIELD",
            field + " " + reason,
            List.of(new ErrorResponse.FieldError(field, reason))));
  }

  /** What a value of a type looks like in JSON, in words a caller knows. */
  static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as 2026-11-28T09:30:00Z";
    }
    if (type == LocalDate.class) {
      return "a date such as 2026-11-28";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type == String.class) {
      return "text (a JSON string)";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return "a JSON object";
  }

  /** A parser's message without Java class names. */
  static String plain(String message) {
    return QUALIFIED.matcher(message.replace("`", "")).replaceAll("$1");
  }

  private static Response unauthorizedAnswer(ErrorResponse body) {
    return Response.status(401)
        .type(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .entity(body)
        .build();
  }

  private static Response answer(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  /**
   * The last named node of a violation's path: the request field or parameter, without the method's
   * name.
   */
  private static String fieldName(ConstraintViolation<?> v) {
    String name = "body";
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
        name = node.getName();
      }
    }
    return name;
  }
}
