package org.tbx.node.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.tbx.kit.security.RevocationList;
import org.tbx.node.config.NodeConfig;

/**
 * The tokens the federation's operator revoked, copied from the hub's list every few seconds so
 * that this adapter refuses them too; while the hub cannot be reached, the last copy holds.
 */
@ApplicationScoped
public class HubRevocations implements RevocationList {

  private static final Logger LOG = Logger.getLogger(HubRevocations.class);

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private volatile Map<String, String> reasons = Map.of();
  private volatile boolean failing;

  HubRevocations(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  @Override
  public Optional<String> revoked(String jti) {
    return Optional.ofNullable(reasons.get(jti));
  }

  @Scheduled(
      every = "${tbx.node.revocation-refresh:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    if (config.hubUrl().isEmpty()) {
      return;
    }
    try {
      HttpResponse<String> response =
          http.send(
              HubRequests.get(config, "/api/v1/tokens/revocations"),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        warnOnce("the hub answered HTTP " + response.statusCode());
        return;
      }
      Map<String, String> fresh = new HashMap<>();
      for (JsonNode r : json.readTree(response.body())) {
        fresh.put(r.path("jti").asText(), r.path("reason").asText());
      }
      reasons = Map.copyOf(fresh);
      failing = false;
    } catch (IOException e) {
      warnOnce("the hub could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void warnOnce(String why) {
    if (!failing) {
      failing = true;
      LOG.warnf(
          "token revocations not refreshed (%s); the last copy (%d tokens) holds",
          why, reasons.size());
    }
  }
}
