package org.tbx.hub.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns bad requests into 400 answers in the {@link ErrorResponse} shape, naming the field; never a stack trace. */
public class ErrorMappers {

  /** Jackson's "[Source: ...]" fragments, which say nothing to a caller. */
  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*at \\[Source:[^\\]]*\\]");

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    String message = e.getConstraintViolations().stream()
        .map(v -> fieldName(v) + " " + v.getMessage())
        .sorted()
        .collect(Collectors.joining("; "));
    return badRequest("INVALID_FIELD", message);
  }

  /** Replaces Quarkus' built-in mapper for this type, whose answer does not follow {@link ErrorResponse}. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  /** Quarkus reports an unparsable body as a bare 400 carrying the parser's exception as its cause. */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    if (e instanceof jakarta.ws.rs.NotSupportedException) {
      return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.APPLICATION_JSON)
          .entity(new ErrorResponse("UNSUPPORTED_MEDIA_TYPE", "the body must be JSON: send Content-Type: application/json")).build();
    }
    return e.getResponse();
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    String reason = SOURCE.matcher(e.getOriginalMessage()).replaceAll("");
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      return badRequest("INVALID_FIELD", field + " has the wrong type or format: " + reason);
    }
    return badRequest("MALFORMED_JSON", "the body is not valid JSON: " + reason);
  }

  private static Response badRequest(String error, String message) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
        .entity(new ErrorResponse(error, message)).build();
  }

  /** The last named node of a violation's path: the parameter or field, without the method's name. */
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
