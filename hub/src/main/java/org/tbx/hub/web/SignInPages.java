package org.tbx.hub.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.security.PageSessions;
import org.tbx.protocol.auth.Roles;

/**
 * Signing in to the pages: with an API token (operators, the regulator, the sandbox), or for a
 * volunteer with the one-time link their bank asked for; and signing out. The session lives in an
 * HttpOnly, SameSite=Strict cookie; every form carries a CSRF value.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

  /** The sign-in form's double-submit CSRF cookie (there is no session yet to hold the value). */
  static final String FORM_COOKIE = "tbx_form";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Location("signin.html")
  Template signIn;

  private final WebContext web;
  private final PageSessions sessions;
  private final JWTCallerPrincipalFactory tokens;
  private final JWTAuthContextInfo tokenContext;
  private final boolean identityProvider;

  SignInPages(
      WebContext web,
      PageSessions sessions,
      JWTCallerPrincipalFactory tokens,
      JWTAuthContextInfo tokenContext,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean identityProvider) {
    this.identityProvider = identityProvider;
    this.web = web;
    this.sessions = sessions;
    this.tokens = tokens;
    this.tokenContext = tokenContext;
  }

  @GET
  @Path("sign-in")
  @Operation(hidden = true, summary = "The sign-in page: paste an API token")
  public Response form() {
    String csrf = random();
    TemplateInstance page =
        web.page(signIn.instance(), web.words().get("signin_title"))
            .data("csrf", csrf)
            .data("oidc", identityProvider);
    return Response.ok(page).cookie(web.cookie(FORM_COOKIE, csrf, 1800)).build();
  }

  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      hidden = true,
      summary = "Sign in with an API token; the session goes into an HttpOnly cookie")
  public Response signIn(
      @FormParam("token") String token,
      @FormParam("csrf") String csrf,
      @CookieParam(FORM_COOKIE) String formCookie) {
    if (csrf == null || formCookie == null || !csrf.equals(formCookie)) {
      throw new PageException(403, "err_csrf");
    }
    if (token == null || token.isBlank()) {
      throw new PageException(400, "err_token_empty");
    }
    JWTCallerPrincipal principal;
    try {
      principal = tokens.parse(token.strip(), tokenContext);
    } catch (ParseException e) {
      throw new PageException(401, "err_token", e.getMessage());
    }
    String role = principal.getGroups().iterator().next();
    String cookie =
        sessions.start(
            principal.getSubject(),
            role,
            principal.getTokenID(),
            Instant.ofEpochSecond(principal.getExpirationTime()));
    String next =
        switch (role) {
          case Roles.ADMIN, Roles.REGULATOR -> "/console";
          case Roles.VOLUNTEER -> "/me";
          default -> "/";
        };
    return Response.seeOther(URI.create(next))
        .cookie(web.cookie(WebContext.SESSION_COOKIE, cookie, -1), web.cookie(FORM_COOKIE, "", 0))
        .build();
  }

  @POST
  @Path("sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      hidden = true,
      summary = "Sign out: ends the session (form with the session's CSRF value)")
  public Response signOut(
      @FormParam("csrf") String csrf, @CookieParam(WebContext.SESSION_COOKIE) String cookie) {
    web.session().ifPresent(s -> web.checkCsrf(s, csrf));
    sessions.end(cookie);
    return Response.seeOther(URI.create("/"))
        .cookie(web.cookie(WebContext.SESSION_COOKIE, "", 0))
        .build();
  }

  /**
   * @return 24 random bytes, base64url: a CSRF value
   */
  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
