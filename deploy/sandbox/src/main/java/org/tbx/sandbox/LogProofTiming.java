package org.tbx.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the hub serving log proofs from PostgreSQL after a benchmark run filled the log: inclusion
 * proofs for random leaves and consistency proofs between random sizes, next to the same number of
 * requests for the hub's key (an endpoint that does no work) as the baseline.
 */
final class LogProofTiming {

  private static final Pattern TREE_SIZE = Pattern.compile("\"treeSize\":(\\d+)");
  private static final int REQUESTS = 300;

  private LogProofTiming() {}

  static void measure(AppProcess hub, int events, String token, Say say) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long size = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (size < events && System.nanoTime() < deadline) {
      Matcher m = TREE_SIZE.matcher(get(http, token, hub.url() + "/api/v1/log/checkpoint").body());
      size = m.find() ? Long.parseLong(m.group(1)) : 0;
      AppProcess.pause(Duration.ofMillis(500));
    }
    Random random = new Random(1);
    for (int i = 0; i < 50; i++) {
      get(
          http,
          token,
          hub.url()
              + "/api/v1/log/inclusion?leafIndex="
              + (long) (random.nextDouble() * size)
              + "&treeSize="
              + size);
      get(http, token, hub.url() + "/api/v1/hub/key");
    }
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      get(http, token, hub.url() + "/api/v1/hub/key");
    }
    double baseline = (System.nanoTime() - start) / 1e6 / REQUESTS;
    start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      get(http, null, hub.url() + "/api/v1/hub/key");
    }
    double anonymous = (System.nanoTime() - start) / 1e6 / REQUESTS;
    start = System.nanoTime();
    long bytes = 0;
    for (int i = 0; i < REQUESTS; i++) {
      bytes +=
          get(
                  http,
                  token,
                  hub.url()
                      + "/api/v1/log/inclusion?leafIndex="
                      + (long) (random.nextDouble() * size)
                      + "&treeSize="
                      + size)
              .body()
              .length();
    }
    double inclusion = (System.nanoTime() - start) / 1e6 / REQUESTS;
    start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      long a = 1 + (long) (random.nextDouble() * (size - 1));
      get(http, token, hub.url() + "/api/v1/log/consistency?first=" + a + "&second=" + size);
    }
    double consistency = (System.nanoTime() - start) / 1e6 / REQUESTS;
    say.say(
        "log of %,d leaves: inclusion proof served in %.2f ms (answer %,d bytes), consistency proof in %.2f ms; "
            + "baseline GET /api/v1/hub/key %.2f ms with a token, %.2f ms without (the token check costs the difference)",
        size, inclusion, bytes / REQUESTS, consistency, baseline, anonymous);
  }

  /**
   * Sends the token when there is one, so the baseline pays for verifying it too; null sends none.
   */
  private static HttpResponse<String> get(HttpClient http, String token, String url)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  /** Where figures are printed. */
  @FunctionalInterface
  interface Say {
    void say(String format, Object... args);
  }
}
