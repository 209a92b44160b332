package org.tbx.kit.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.tbx.kit.api.ErrorResponse;

/**
 * Answers a refusal the HTTP layer makes before any resource runs (a token that fails to verify, an
 * operations path such as {@code /q/metrics} without the right role) in the API's one error shape,
 * with the reason.
 */
@ApplicationScoped
public class AuthFailureHandler {

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
  }

  private void handle(RoutingContext context) {
    Throwable failure = context.failure();
    if (context.response().headWritten()) {
      context.next();
    } else if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException) {
      write(context, 401, unauthorized(failure));
    } else if (failure instanceof ForbiddenException) {
      write(context, 403, forbidden());
    } else {
      context.next();
    }
  }

  /** The 401 answer for a refused or missing token. */
  public static ErrorResponse unauthorized(Throwable failure) {
    if (failure instanceof UnauthorizedException) {
      return ErrorResponse.of(
          "UNAUTHORIZED", "a token is required: send Authorization: Bearer <JWT>");
    }
    return ErrorResponse.of("UNAUTHORIZED", TokenFailures.reason(failure));
  }

  /** The 403 answer for a valid token whose role may not do this. */
  public static ErrorResponse forbidden() {
    return ErrorResponse.of(
        "FORBIDDEN", "the token's role may not do this; see PROTOCOL.md section 13");
  }

  static void write(RoutingContext context, int status, ErrorResponse body) {
    var response = context.response().setStatusCode(status);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(Json.encode(body));
  }
}
