package org.tbx.node.hub;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.tbx.node.config.NodeConfig;

/** Requests to the hub's API, carrying this bank's token. */
public final class HubRequests {

  private HubRequests() {}

  /**
   * @param pathAndQuery e.g. {@code /api/v1/log/consistency?first=1&second=2}; requires {@link
   *     NodeConfig#hubUrl()}
   */
  public static HttpRequest get(NodeConfig config, String pathAndQuery) {
    return request(config, pathAndQuery, HttpRequest.BodyPublishers.noBody(), "GET");
  }

  /** A POST without a body, carrying this bank's token. */
  public static HttpRequest post(NodeConfig config, String pathAndQuery) {
    return request(config, pathAndQuery, HttpRequest.BodyPublishers.noBody(), "POST");
  }

  /** A POST of a JSON body, carrying this bank's token. */
  public static HttpRequest post(NodeConfig config, String pathAndQuery, String json) {
    return request(config, pathAndQuery, HttpRequest.BodyPublishers.ofString(json), "POST");
  }

  private static HttpRequest request(
      NodeConfig config, String pathAndQuery, HttpRequest.BodyPublisher body, String method) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.hubUrl().orElseThrow() + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .method(method, body);
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    config
        .hubToken()
        .filter(t -> !t.isBlank())
        .ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return request.build();
  }
}
