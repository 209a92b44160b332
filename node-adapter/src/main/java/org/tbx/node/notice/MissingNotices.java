package org.tbx.node.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.hub.HubRequests;

/**
 * Asks the hub again for notice batches this bank never received ({@code GET
 * /api/v1/nodes/{nodeId}/notices?after=}); the caller checks their signatures and chain.
 */
@ApplicationScoped
public class MissingNotices {

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  MissingNotices(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /**
   * @return the record values of the batches holding notices {@code after + 1} to {@code until}, in
   *     order; empty when the hub cannot be asked
   */
  public List<byte[]> fetch(long after, long until) {
    List<byte[]> values = new ArrayList<>();
    if (config.hubUrl().isEmpty()) {
      return values;
    }
    long from = after;
    try {
      while (from < until) {
        HttpResponse<String> answer =
            http.send(
                HubRequests.get(
                    config,
                    "/api/v1/nodes/" + config.id() + "/notices?after=" + from + "&size=100"),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          Log.warnf(
              "the hub answered HTTP %d for the missing notices after %d: %s",
              answer.statusCode(), from, answer.body());
          return values;
        }
        JsonNode batches = json.readTree(answer.body());
        if (batches.isEmpty()) {
          return values;
        }
        for (JsonNode b : batches) {
          if (b.path("firstSequence").asLong() > until) {
            return values;
          }
          values.add(Base64.getDecoder().decode(b.path("recordValueBase64").asText()));
          from = b.path("lastSequence").asLong();
        }
      }
    } catch (IOException e) {
      Log.warnf("the hub could not be asked for the missing notices after %d: %s", from, e);
      return values;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return values;
  }
}
