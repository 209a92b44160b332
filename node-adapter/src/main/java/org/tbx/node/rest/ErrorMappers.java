package org.tbx.node.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tbx.node.submission.IdempotencyKeyReusedException;
import org.tbx.node.submission.MissingIdempotencyKeyException;

/** Turns bad requests into 400 answers that name the field and the rule, never a stack trace. */
public class ErrorMappers {

  /** Jackson's "(start marker at [Source: ...])" and "[Source: ...]" fragments, which say nothing to a caller. */
  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*at \\[Source:[^\\]]*\\]");

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<ErrorResponse.FieldError> fields =
        e.getConstraintViolations().stream()
            .map(v -> new ErrorResponse.FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(ErrorResponse.FieldError::field))
            .toList();
    String message = fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    return badRequest(new ErrorResponse("INVALID_FIELD", message, fields));
  }

  /** Replaces Quarkus' built-in mapper for this type, whose answer does not follow {@link ErrorResponse}. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response ruleBroken(InvalidFieldException e) {
    return badRequest(new ErrorResponse(
        e.reason(), e.field() + ": " + e.getMessage(), List.of(new ErrorResponse.FieldError(e.field(), e.getMessage()))));
  }

  @ServerExceptionMapper
  public Response missingKey(MissingIdempotencyKeyException e) {
    return badRequest(new ErrorResponse("INVALID_FIELD", e.getMessage(),
        List.of(new ErrorResponse.FieldError(Writes.IDEMPOTENCY_KEY, e.getMessage()))));
  }

  @ServerExceptionMapper
  public Response keyReused(IdempotencyKeyReusedException e) {
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
        .entity(new ErrorResponse("IDEMPOTENCY_KEY_REUSED", e.getMessage(),
            List.of(new ErrorResponse.FieldError(Writes.IDEMPOTENCY_KEY, "already used for a different request"))))
        .build();
  }

  @ServerExceptionMapper
  public Response conflict(StateConflictException e) {
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
        .entity(ErrorResponse.of(e.rule(), e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
        .entity(ErrorResponse.of("FORBIDDEN", e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
        .entity(ErrorResponse.of("NOT_FOUND", e.getMessage()))
        .build();
  }

  /** Quarkus reports an unparsable body as a bare 400 carrying the parser's exception as its cause. */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    if (e instanceof jakarta.ws.rs.NotSupportedException) {
      return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.APPLICATION_JSON)
          .entity(ErrorResponse.of("UNSUPPORTED_MEDIA_TYPE", "the body must be JSON: send Content-Type: application/json")).build();
    }
    return e.getResponse();
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    String field = "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
    }
    String reason = SOURCE.matcher(e.getOriginalMessage()).replaceAll("");
    if (e.getLocation() != null) {
      reason += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
    if (field.isEmpty()) {
      return badRequest(ErrorResponse.of("MALFORMED_JSON", "the body is not valid JSON: " + reason));
    }
    return badRequest(
        new ErrorResponse(
            "INVALID_FIELD",
            field + " has the wrong type or format: " + reason,
            List.of(new ErrorResponse.FieldError(field, "wrong type or format"))));
  }

  private static Response badRequest(ErrorResponse body) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  /** The last named node of a violation's path: the request field, without method and parameter names. */
  private static String fieldName(ConstraintViolation<?> v) {
    String name = "body";
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
        name = node.getName();
      }
    }
    return name;
  }
}
