package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tbx.protocol.auth.Roles;

/**
 * Times what a token costs a request: the same public endpoint ({@code GET /api/v1/hub/key}, which
 * does no work) called with no token, with one token again and again (verified once, then
 * remembered) and with a fresh token each time (every request pays the RSA signature check), in the
 * same run.
 */
final class TokenTiming {

  private static final int REQUESTS = 1_000;
  private static final int ROUNDS = 5;

  private TokenTiming() {}

  static void measure(AppProcess hub, SandboxTokens tokens, LogProofTiming.Say say)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String url = hub.url() + "/api/v1/hub/key";
    String same = tokens.mint(Roles.REGULATOR, "bench-regulator");
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < REQUESTS * (ROUNDS + 1); i++) {
      fresh.add(tokens.mint(Roles.REGULATOR, "bench-regulator-" + i));
    }
    int[] next = {0};
    for (int i = 0; i < 500; i++) {
      get(http, url, null);
      get(http, url, same);
      get(http, url, fresh.get(next[0]++));
    }
    double none = Double.MAX_VALUE;
    double cached = Double.MAX_VALUE;
    double uncached = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      none = Math.min(none, time(http, url, () -> null));
      cached = Math.min(cached, time(http, url, () -> same));
      uncached = Math.min(uncached, time(http, url, () -> fresh.get(next[0]++)));
    }
    say.say(
        "token cost per request (GET /api/v1/hub/key, best of %d rounds of %,d): no token %.3f ms,"
            + " the same token (cached) %.3f ms, a fresh token each time (signature checked) %.3f ms",
        ROUNDS, REQUESTS, none, cached, uncached);
  }

  private static double time(HttpClient http, String url, Supplier<String> token) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      get(http, url, token.get());
    }
    return (System.nanoTime() - start) / 1e6 / REQUESTS;
  }

  private static void get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
