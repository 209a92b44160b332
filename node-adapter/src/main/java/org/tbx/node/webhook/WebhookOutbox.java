package org.tbx.node.webhook;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.tbx.node.config.NodeConfig;

/**
 * Queues a hub decision for the bank's own system, in the transaction that records the decision.
 */
@ApplicationScoped
public class WebhookOutbox {

  private final NodeConfig config;
  private final ObjectMapper json;

  WebhookOutbox(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /** One push and how it went. */
  public record Delivery(
      long id,
      String kind,
      @JsonRawValue String body,
      int attempts,
      boolean delivered,
      String lastError) {}

  /**
   * @return the 100 newest pushes, or only those still being retried
   */
  @SuppressWarnings("unchecked")
  public List<Delivery> recent(boolean undeliveredOnly) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select id, kind, cast(body as text), attempts, delivered_at is not null, last_error from webhook_delivery"
                    + (undeliveredOnly ? " where delivered_at is null" : "")
                    + " order by id desc limit 100")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Delivery(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    ((Number) r[3]).intValue(),
                    (Boolean) r[4],
                    (String) r[5]))
        .toList();
  }

  /**
   * Queues one push when a webhook URL is configured; without one, decisions are only queryable.
   */
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
        .createNativeQuery(
            "insert into webhook_delivery (kind, body) values (:k, cast(:b as jsonb))")
        .setParameter("k", kind)
        .setParameter("b", text)
        .executeUpdate();
  }
}
