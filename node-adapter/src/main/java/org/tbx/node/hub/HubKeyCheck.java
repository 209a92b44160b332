package org.tbx.node.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.tbx.node.config.NodeConfig;

/**
 * The hub's key is pinned by configuration ({@code TBX_HUB_PUBLIC_KEY}), never learnt on first use:
 * at start the adapter asks the hub which key it signs with and refuses to start when the pinned
 * one differs, naming the setting to fix. A hub that cannot be reached is no reason not to start:
 * the pinned key still checks every notice and checkpoint.
 */
@ApplicationScoped
public class HubKeyCheck {

  private final NodeConfig config;
  private final ObjectMapper json;

  HubKeyCheck(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  void check(@Observes @Priority(2) StartupEvent event) {
    if (config.hubUrl().isEmpty() || config.hubPublicKey().isEmpty()) {
      return;
    }
    String pinned = config.hubPublicKey().get().strip().toLowerCase();
    String served;
    try {
      HttpResponse<String> answer =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HubRequests.get(config, "/api/v1/hub/key"), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        Log.warnf(
            "could not check TBX_HUB_PUBLIC_KEY against the hub: GET /api/v1/hub/key answered %d",
            answer.statusCode());
        return;
      }
      served = json.readTree(answer.body()).path("publicKeyHex").asText().toLowerCase();
    } catch (IOException e) {
      Log.warnf(
          "could not check TBX_HUB_PUBLIC_KEY against the hub at %s (%s); the pinned key is used",
          config.hubUrl().get(), e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!served.equals(pinned)) {
      throw new IllegalStateException(
          "TBX_HUB_PUBLIC_KEY (tbx.node.hub-public-key) is "
              + pinned
              + " but the hub at "
              + config.hubUrl().get()
              + " signs with "
              + served
              + ": the adapter would refuse every notice. Set TBX_HUB_PUBLIC_KEY to the hub's key"
              + " (GET /api/v1/hub/key) after checking it with the federation operator.");
    }
    Log.infof("TBX_HUB_PUBLIC_KEY matches the key the hub at %s signs with", config.hubUrl().get());
  }
}
