package org.tbx.node.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;

/**
 * What the bank asks the hub's API on a clerk's behalf, with the bank's token: a volunteer's
 * one-time sign-in link to the hub's portal, a volunteer's standing, a no-show report and a
 * dispute. The hub's refusal comes back with its status and message.
 */
@ApplicationScoped
public class HubApi {

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  HubApi(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /**
   * @return the hub's answer: {@code volunteerId}, {@code url}, {@code expiresAt}
   */
  public JsonNode signInLink(String volunteerId) {
    return call(HubRequests.post(config, volunteerPath(volunteerId) + "/sign-in-links"), 201);
  }

  /**
   * @return the hub's answer: the score, the rulebook version and each factor (PROTOCOL.md section
   *     15)
   */
  public JsonNode standing(String volunteerId) {
    return call(HubRequests.get(config, volunteerPath(volunteerId) + "/standing"), 200);
  }

  /**
   * The hub's answer and its status (a report sent again is answered 200 with the first).
   *
   * @param status the hub's HTTP status
   */
  public record Answer(int status, JsonNode body) {}

  /**
   * Posts a request the bank makes of the hub's API beyond the protocol's events: a no-show report,
   * a dispute, a course, an assessment (PROTOCOL.md sections 14 and 15). A write sent again is
   * answered 200 with the first.
   *
   * @param path e.g. {@code /api/v1/disputes}
   * @param body the hub's request body
   */
  public Answer post(String path, Object body) {
    return answer(HubRequests.post(config, path, write(body)), 201, 200);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  private static String volunteerPath(String volunteerId) {
    return "/api/v1/volunteers/" + URLEncoder.encode(volunteerId, StandardCharsets.UTF_8);
  }

  /**
   * @throws ApiException the hub's refusal with its status and message (502 when the hub refused
   *     the bank's own token), or 503 when the hub cannot be asked
   */
  private JsonNode call(HttpRequest request, int expected) {
    return answer(request, expected).body();
  }

  private Answer answer(HttpRequest request, int... expected) {
    if (config.hubUrl().isEmpty()) {
      throw ApiException.of(
          503,
          "HUB_UNAVAILABLE",
          "TBX_HUB_URL (tbx.node.hub-url) is not set, so the hub cannot be asked");
    }
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = json.readTree(response.body().isEmpty() ? "{}" : response.body());
      for (int status : expected) {
        if (response.statusCode() == status) {
          return new Answer(status, body);
        }
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
