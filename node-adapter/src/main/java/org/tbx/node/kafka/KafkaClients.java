package org.tbx.node.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.kit.kafka.KafkaSettings;

/**
 * The adapter's own Kafka clients; the producer and topic creation are the kit's ({@code
 * KafkaBeans}).
 */
@ApplicationScoped
public class KafkaClients {

  private final KafkaSettings settings;
  private final String nodeId;

  KafkaClients(KafkaSettings settings, @ConfigProperty(name = "tbx.node.id") String nodeId) {
    this.settings = settings;
    this.nodeId = nodeId;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /**
   * A consumer of the hub's notices to this node; offsets are committed by hand after the answers
   * are stored.
   */
  public KafkaConsumer<byte[], byte[]> noticeConsumer() {
    return settings.consumer(
        "tbx-node-" + nodeId, Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000));
  }
}
