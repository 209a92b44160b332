package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tbx.protocol.auth.Roles;

/**
 * Times the hub's pages after a benchmark run filled the ledger: the public statistics page, the
 * regulator's console and its flows page (signed in as a person would, with a session cookie), next
 * to a plain API request (a volunteer's balance) in the same run.
 */
final class PageTiming {

  private static final int REQUESTS = 30;
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private PageTiming() {}

  static void measure(
      AppProcess hub, SandboxTokens tokens, String volunteerId, LogProofTiming.Say say)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String regulator = tokens.mint(Roles.REGULATOR, "bench-regulator");
    String session = signIn(http, hub, regulator);
    String api = hub.url() + "/api/v1/volunteers/" + volunteerId + "/balance";
    List<String[]> pages =
        List.of(
            new String[] {"GET /api/v1/volunteers/{id}/balance (API, token)", api, null},
            new String[] {"GET / (public statistics)", hub.url() + "/?period=30d", null},
            new String[] {"GET /console (regulator)", hub.url() + "/console", session},
            new String[] {"GET /console/flows (regulator)", hub.url() + "/console/flows", session});
    for (String[] page : pages) {
      for (int i = 0; i < 5; i++) {
        get(http, page, regulator);
      }
    }
    for (String[] page : pages) {
      long start = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        get(http, page, regulator);
      }
      say.say("pages:    %-50s %7.1f ms", page[0], (System.nanoTime() - start) / 1e6 / REQUESTS);
    }
  }

  private static String signIn(HttpClient http, AppProcess hub, String token) throws Exception {
    HttpResponse<String> form =
        http.send(
            HttpRequest.newBuilder(URI.create(hub.url() + "/sign-in")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(form.body());
    if (!m.find()) {
      throw new IllegalStateException("the sign-in page has no CSRF field: " + form.body());
    }
    String formCookie = cookie(form, "tbx_form");
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(hub.url() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", formCookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&token=" + token))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signedIn.statusCode() != 303) {
      throw new IllegalStateException(
          "sign-in answered " + signedIn.statusCode() + ": " + signedIn.body());
    }
    return cookie(signedIn, "tbx_session");
  }

  private static String cookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + name + " cookie"));
  }

  private static void get(HttpClient http, String[] page, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(page[1]));
    if (page[2] != null) {
      request.header("Cookie", page[2]);
    } else if (page[1].contains("/api/")) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(page[0] + " answered " + response.statusCode());
    }
  }
}
