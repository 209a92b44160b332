package org.tbx.node.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;

/**
 * One-time sign-in links to the hub's volunteer portal, asked of the hub for a volunteer this bank
 * serves, so the bank's own app can send the volunteer there.
 */
@ApplicationScoped
public class HubSignInLinks {

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  HubSignInLinks(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /**
   * @return the hub's answer: {@code volunteerId}, {@code url}, {@code expiresAt}
   * @throws ApiException the hub's refusal with its status and message, or 503 when the hub cannot
   *     be asked
   */
  public JsonNode link(String volunteerId) {
    if (config.hubUrl().isEmpty()) {
      throw ApiException.of(
          503,
          "HUB_UNAVAILABLE",
          "TBX_HUB_URL (tbx.node.hub-url) is not set, so the hub cannot be asked");
    }
    try {
      HttpResponse<String> response =
          http.send(
              HubRequests.post(
                  config,
                  "/api/v1/volunteers/"
                      + URLEncoder.encode(volunteerId, StandardCharsets.UTF_8)
                      + "/sign-in-links"),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = json.readTree(response.body().isEmpty() ? "{}" : response.body());
      if (response.statusCode() == 201) {
        return body;
      }
      String message =
          body.path("message").asText("the hub answered HTTP " + response.statusCode());
      throw ApiException.of(
          response.statusCode() == 401 ? 502 : response.statusCode(),
          body.path("error").asText("HUB_REFUSED"),
          "the hub refused: " + message);
    } catch (IOException e) {
      throw ApiException.of(
          503,
          "HUB_UNAVAILABLE",
          "the hub at " + config.hubUrl().get() + " could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.of(503, "HUB_UNAVAILABLE", "interrupted while asking the hub");
    }
  }
}
