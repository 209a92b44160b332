package org.tbx.node.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.tbx.protocol.Topics;

/** Refuses to start with settings that cannot work, saying which setting to fix. */
@ApplicationScoped
public class StartupChecks {

  void check(@Observes @Priority(1) StartupEvent event, NodeConfig config) {
    try {
      Topics.requireNodeId(config.id());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("TBX_NODE_ID (tbx.node.id) is not usable: " + e.getMessage());
    }
    if (config.maxBatchEvents() < 1) {
      throw new IllegalStateException(
          "tbx.node.max-batch-events must be at least 1, was " + config.maxBatchEvents());
    }
    Log.infof("node %s publishes to %s", config.id(), Topics.nodeOut(config.id()));
  }
}
