package org.tbx.node.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.tbx.node.config.NodeConfig;

/** Queues a hub decision for the bank's own system, in the transaction that records the decision. */
@ApplicationScoped
public class WebhookOutbox {

  private final NodeConfig config;
  private final ObjectMapper json;

  WebhookOutbox(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /** Queues one push when a webhook URL is configured; without one, decisions are only queryable. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void enqueue(String kind, Map<String, Object> body) {
    if (config.webhookUrl().isEmpty()) {
      return;
    }
    String text;
    try {
      text = json.writeValueAsString(Map.of("kind", kind, "nodeId", config.id(), "decision", body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook body", e);
    }
    Panache.getEntityManager()
        .createNativeQuery("insert into webhook_delivery (kind, body) values (:k, cast(:b as jsonb))")
        .setParameter("k", kind)
        .setParameter("b", text)
        .executeUpdate();
  }
}
