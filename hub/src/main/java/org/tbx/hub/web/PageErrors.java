package org.tbx.hub.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What the pages answer when they cannot show what was asked: a page in the person's language
 * saying what happened, with a status that fits; and the cookies that remember a chosen language or
 * text size.
 */
public class PageErrors {

  @Location("error.html")
  Template error;

  private final WebContext web;

  PageErrors(WebContext web) {
    this.web = web;
  }

  @ServerExceptionMapper
  public Response page(PageException e) {
    Words w = web.words();
    String message = w.get(e.messageKey(), e.args());
    return Response.status(e.status())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(
            web.page(error.instance(), w.get("error_title"))
                .data("message", message)
                .data("signIn", e.status() == 401)
                .render())
        .build();
  }

  /** Remembers a language or text size chosen with {@code ?lang=} or {@code ?text=} on a page. */
  @ServerResponseFilter
  public void preferences(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/api/") || path.startsWith("/q/")) {
      return;
    }
    for (NewCookie c : web.preferenceCookies()) {
      response.getHeaders().add(HttpHeaders.SET_COOKIE, c);
    }
  }
}
