package org.tbx.node.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.hub.HubRequests;
import org.tbx.protocol.log.MerkleTree;

/**
 * Fetches a receipt for every accepted event once a checkpoint (proven consistent) covers its leaf:
 * the inclusion proof from the hub's API, verified against that checkpoint's root here before it is
 * kept, so the bank can show years later that its volunteers' hours are in the hub's history.
 */
@ApplicationScoped
public class ReceiptCollector {

  private static final int PER_TURN = 100;
  private static final HexFormat HEX = HexFormat.of();

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private volatile boolean stopping;

  ReceiptCollector(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.node.relay-interval}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void collect() {
    if (stopping || config.hubUrl().isEmpty()) {
      return;
    }
    try {
      Object[] checkpoint = QuarkusTransaction.requiringNew().call(ReceiptCollector::newestTrusted);
      if (checkpoint == null) {
        return;
      }
      long size = ((Number) checkpoint[0]).longValue();
      byte[] root = (byte[]) checkpoint[1];
      List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> due(size));
      for (Object[] event : due) {
        UUID eventId = (UUID) event[0];
        long index = ((Number) event[1]).longValue();
        String proof = fetch(eventId, index, size, root);
        if (proof == null) {
          return;
        }
        QuarkusTransaction.requiringNew()
            .run(
                () ->
                    Panache.getEntityManager()
                        .createNativeQuery(
                            "update outbox_event set receipt_tree_size = :s, receipt_proof = cast(:p as jsonb) "
                                + "where event_id = :e")
                        .setParameter("s", size)
                        .setParameter("p", proof)
                        .setParameter("e", eventId)
                        .executeUpdate());
      }
    } catch (RuntimeException e) {
      if (stopping) {
        Log.debugf("collecting log receipts stopped by the shutdown: %s", e);
      } else {
        Log.error("collecting log receipts failed; it retries on its next turn", e);
      }
    }
  }

  private static Object[] newestTrusted() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select tree_size, root_hash from log_checkpoint where consistent order by tree_size desc limit 1")
            .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> due(long size) {
    return Panache.getEntityManager()
        .createNativeQuery(
            "select event_id, log_index from outbox_event "
                + "where log_index is not null and receipt_tree_size is null and log_index < :s order by log_index limit "
                + PER_TURN)
        .setParameter("s", size)
        .getResultList();
  }

  /**
   * @return the verified proof as JSON to keep, or null when the hub cannot be asked now
   */
  private String fetch(UUID eventId, long index, long size, byte[] root) {
    try {
      HttpResponse<String> response =
          http.send(
              HubRequests.get(
                  config, "/api/v1/log/inclusion?eventId=" + eventId + "&treeSize=" + size),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        Log.warnf(
            "the hub gave no inclusion proof for event %s (HTTP %d); asking again later",
            eventId, response.statusCode());
        return null;
      }
      JsonNode body = json.readTree(response.body());
      String data = body.get("leafData").asText();
      List<byte[]> proof = new ArrayList<>();
      body.get("proof").forEach(h -> proof.add(HEX.parseHex(h.asText())));
      boolean ok =
          body.get("leafIndex").asLong() == index
              && data.contains("\nevent " + eventId + "\n")
              && MerkleTree.verifyInclusion(
                  index,
                  size,
                  MerkleTree.leafHash(data.getBytes(StandardCharsets.UTF_8)),
                  proof,
                  root);
      if (!ok) {
        Log.errorf(
            "the hub's inclusion proof for event %s (leaf %d) does not verify against its checkpoint of %d leaves",
            eventId, index, size);
        return null;
      }
      return response.body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
