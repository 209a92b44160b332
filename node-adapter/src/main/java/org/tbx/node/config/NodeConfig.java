package org.tbx.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** This bank's adapter settings ({@code tbx.node.*}). */
@ConfigMapping(prefix = "tbx.node")
public interface NodeConfig {

  /** The bank's node id, as registered at the hub; names its Kafka topics. */
  String id();

  /** How often the outbox relay looks for new events when idle. */
  @WithDefault("1s")
  Duration relayInterval();

  /** Most events sealed into one batch. */
  @WithDefault("500")
  int maxBatchEvents();
}
