package org.tbx.hub.web;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.security.PageSessions;
import org.tbx.protocol.auth.Roles;

/**
 * Signing in to the pages with the regulator's identity provider (OIDC authorization code flow,
 * quarkus-oidc, only on this path, which an HTTP permission guards when it is on): the provider's
 * ID token names the person and, in a claim, the group that makes them the federation's regulator
 * or operator; a confirmed form (CSRF checked) turns it into the same page session a pasted token
 * gives.
 */
@Path("/sign-in/oidc")
@PermitAll
public class IdentityProviderSignIn {

  /** quarkus-oidc's own session cookie, ended once the page session starts. */
  private static final String OIDC_SESSION = "q_session";

  @Location("oidc.html")
  Template page;

  @Inject @IdToken JsonWebToken idToken;

  private final WebContext web;
  private final PageSessions sessions;
  private final boolean enabled;
  private final String roleClaim;
  private final String regulatorGroup;
  private final String adminGroup;

  IdentityProviderSignIn(
      WebContext web,
      PageSessions sessions,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean enabled,
      @ConfigProperty(name = "tbx.oidc.role-claim") String roleClaim,
      @ConfigProperty(name = "tbx.oidc.regulator-group") String regulatorGroup,
      @ConfigProperty(name = "tbx.oidc.admin-group") String adminGroup) {
    this.web = web;
    this.sessions = sessions;
    this.enabled = enabled;
    this.roleClaim = roleClaim;
    this.regulatorGroup = regulatorGroup;
    this.adminGroup = adminGroup;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      hidden = true,
      summary = "Back from the identity provider: who signed in, and a form to continue")
  public Response confirm() {
    offered();
    String role = role().orElseThrow(() -> noRole());
    String csrf = SignInPages.random();
    return Response.ok(
            web.page(page.instance(), web.words().get("oidc_title"))
                .data("csrf", csrf)
                .data("person", person())
                .data("role", role))
        .cookie(web.cookie(SignInPages.FORM_COOKIE, csrf, 600))
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      hidden = true,
      summary = "Start the page session of the person the identity provider signed in")
  public Response start(
      @FormParam("csrf") String csrf, @CookieParam(SignInPages.FORM_COOKIE) String formCookie) {
    offered();
    if (csrf == null || formCookie == null || !csrf.equals(formCookie)) {
      throw new PageException(403, "err_csrf");
    }
    String role = role().orElseThrow(() -> noRole());
    String cookie = sessions.start("oidc:" + idToken.getSubject(), role, null, null);
    return Response.seeOther(URI.create("/console"))
        .cookie(
            web.cookie(WebContext.SESSION_COOKIE, cookie, -1),
            web.cookie(SignInPages.FORM_COOKIE, "", 0),
            web.cookie(OIDC_SESSION, "", 0))
        .build();
  }

  /**
   * Off, the path is not guarded by the provider (the HTTP permission follows TBX_OIDC_ENABLED), so
   * a visit gets a page that says so; on, quarkus-oidc has signed the person in before this runs.
   *
   * @throws PageException 404 when this hub does not offer sign-in at an identity provider
   */
  private void offered() {
    if (!enabled) {
      throw new PageException(404, "err_oidc_off");
    }
  }

  /**
   * @return the role the provider's groups give: admin before regulator; none for anyone else
   */
  private Optional<String> role() {
    Object claim = idToken.getClaim(roleClaim);
    List<String> groups =
        claim instanceof Collection<?> c
            ? c.stream().map(g -> g.toString().replace("\"", "")).toList()
            : claim == null ? List.of() : List.of(claim.toString().replace("\"", ""));
    if (groups.contains(adminGroup)) {
      return Optional.of(Roles.ADMIN);
    }
    if (groups.contains(regulatorGroup)) {
      return Optional.of(Roles.REGULATOR);
    }
    return Optional.empty();
  }

  private String person() {
    String name = idToken.getClaim("name");
    return name != null ? name : idToken.getSubject();
  }

  private PageException noRole() {
    return new PageException(403, "err_oidc_role", person(), roleClaim, regulatorGroup);
  }
}
