package org.tbx.hub.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tbx.hub.security.PageSessions;
import org.tbx.hub.security.TokenRevocations;

/**
 * One page request: the person's language and text size (a query parameter, then their cookie, then
 * {@code Accept-Language}), who is signed in (the session cookie) and the template data every page
 * shares.
 */
@RequestScoped
public class WebContext {

  /** The session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
  public static final String SESSION_COOKIE = "tbx_session";

  static final String LANG_COOKIE = "tbx_lang";
  static final String SIZE_COOKIE = "tbx_text";

  private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private final HttpHeaders headers;
  private final UriInfo uri;
  private final PageSessions sessions;
  private final TokenRevocations revocations;
  private Optional<PageSessions.Session> session;
  private Words words;

  WebContext(
      HttpHeaders headers, UriInfo uri, PageSessions sessions, TokenRevocations revocations) {
    this.headers = headers;
    this.uri = uri;
    this.sessions = sessions;
    this.revocations = revocations;
  }

  /**
   * @return the page's language: English or Simplified Chinese
   */
  public Locale locale() {
    String chosen = uri.getQueryParameters().getFirst("lang");
    if (chosen == null) {
      Cookie c = headers.getCookies().get(LANG_COOKIE);
      chosen = c == null ? null : c.getValue();
    }
    if (chosen != null) {
      return chosen.toLowerCase(Locale.ROOT).startsWith("zh") ? CHINESE : Locale.ENGLISH;
    }
    for (Locale l : headers.getAcceptableLanguages()) {
      if (l.getLanguage().equals("zh")) {
        return CHINESE;
      }
      if (l.getLanguage().equals("en")) {
        return Locale.ENGLISH;
      }
    }
    return Locale.ENGLISH;
  }

  public Words words() {
    if (words == null) {
      words = new Words(locale());
    }
    return words;
  }

  /**
   * @return whether the person chose larger text
   */
  public boolean largeText() {
    String chosen = uri.getQueryParameters().getFirst("text");
    if (chosen == null) {
      Cookie c = headers.getCookies().get(SIZE_COOKIE);
      chosen = c == null ? null : c.getValue();
    }
    return "large".equals(chosen);
  }

  /**
   * @return the signed-in person, when the session cookie names a live session whose token is not
   *     revoked
   */
  public Optional<PageSessions.Session> session() {
    if (session == null) {
      Cookie c = headers.getCookies().get(SESSION_COOKIE);
      session =
          c == null
              ? Optional.empty()
              : sessions
                  .find(c.getValue())
                  .filter(s -> s.jti() == null || revocations.revoked(s.jti()).isEmpty());
    }
    return session;
  }

  /**
   * @return the session, if its role is one of {@code roles}
   * @throws PageException 401 when nobody (or an ended session) is signed in, 403 for another role
   */
  public PageSessions.Session require(String... roles) {
    PageSessions.Session s =
        session()
            .orElseThrow(
                () ->
                    new PageException(
                        401,
                        headers.getCookies().containsKey(SESSION_COOKIE)
                            ? "err_session_ended"
                            : "err_not_signed_in"));
    if (!Arrays.asList(roles).contains(s.role())) {
      throw new PageException(403, "err_forbidden");
    }
    return s;
  }

  /**
   * Checks a form's CSRF value against the session's.
   *
   * @throws PageException 403 when it differs
   */
  public void checkCsrf(PageSessions.Session s, String value) {
    if (value == null || !value.equals(s.csrf())) {
      throw new PageException(403, "err_csrf");
    }
  }

  /**
   * @return whether the page was asked for over HTTPS (directly or through a proxy that says so)
   */
  public boolean secure() {
    String forwarded = headers.getHeaderString("X-Forwarded-Proto");
    return "https".equalsIgnoreCase(forwarded)
        || "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
  }

  /**
   * @return a cookie the way every cookie of the pages is set: HttpOnly, SameSite=Strict, Secure
   *     over HTTPS; max age -1 keeps it for the browser session, 0 deletes it
   */
  public NewCookie cookie(String name, String value, int maxAge) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(secure())
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAge)
        .build();
  }

  /**
   * @return the cookies that remember a language or text size chosen by a query parameter
   */
  public List<NewCookie> preferenceCookies() {
    String lang = uri.getQueryParameters().getFirst("lang");
    String text = uri.getQueryParameters().getFirst("text");
    List<NewCookie> cookies = new ArrayList<>();
    if (lang != null) {
      cookies.add(cookie(LANG_COOKIE, locale() == CHINESE ? "zh" : "en", 31_536_000));
    }
    if (text != null) {
      cookies.add(cookie(SIZE_COOKIE, largeText() ? "large" : "normal", 31_536_000));
    }
    return cookies;
  }

  /**
   * @return the template with what every page shows: language, words, text size, who is signed in
   */
  public TemplateInstance page(TemplateInstance t, String title) {
    Words w = words();
    return t.setLocale(w.chinese() ? Locale.forLanguageTag("zh") : Locale.ENGLISH)
        .data("w", w)
        .data("lang", w.chinese() ? "zh-CN" : "en")
        .data("large", largeText())
        .data("who", session().orElse(null))
        .data("title", title)
        .data("section", section(uri.getPath()));
  }

  private static String section(String path) {
    if (path.startsWith("/console")) {
      return "console";
    }
    if (path.startsWith("/me")) {
      return "me";
    }
    return path.equals("/") ? "public" : "other";
  }
}
