package org.tbx.kit.security;

import io.quarkus.security.UnauthorizedException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tbx.protocol.auth.Roles;

/**
 * Lets only the operator and the regulator read {@code /q/metrics}, with the same token rules and
 * error answers as the API; health stays open for load balancers.
 */
@ApplicationScoped
public class OperationsGuard {

  private static final Set<String> ALLOWED = Set.of(Roles.ADMIN, Roles.REGULATOR);
  private static final String BEARER = "Bearer ";

  private final JWTParser parser;

  OperationsGuard(JWTParser parser) {
    this.parser = parser;
  }

  void install(@Observes Router router) {
    router.route("/q/metrics*").order(Integer.MIN_VALUE).blockingHandler(this::check, false);
  }

  private void check(RoutingContext context) {
    String header = context.request().getHeader("Authorization");
    if (header == null || !header.startsWith(BEARER)) {
      AuthFailureHandler.write(
          context, 401, AuthFailureHandler.unauthorized(new UnauthorizedException()));
      return;
    }
    JsonWebToken token;
    try {
      token = parser.parse(header.substring(BEARER.length()).trim());
    } catch (ParseException e) {
      AuthFailureHandler.write(context, 401, AuthFailureHandler.unauthorized(e));
      return;
    }
    if (token.getGroups().stream().noneMatch(ALLOWED::contains)) {
      AuthFailureHandler.write(context, 403, AuthFailureHandler.forbidden());
      return;
    }
    context.next();
  }
}
