package org.tbx.node.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.hub.HubRequests;
import org.tbx.protocol.log.MerkleTree;
import org.tbx.protocol.v1.LogCheckpoint;

/**
 * Keeps the hub's log checkpoints (already signature-checked with the notice batch) and checks that
 * each new one extends the last one kept, with a consistency proof from the hub's API; a checkpoint
 * that does not is kept, marked, and reported loudly: the hub rewrote history.
 */
@ApplicationScoped
public class CheckpointWatch {

  private static final HexFormat HEX = HexFormat.of();

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  CheckpointWatch(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /**
   * One checkpoint as received.
   *
   * @param consistent true when proven to extend the previous one, false when it does not (history
   *     was rewritten), null when it could not be checked
   */
  public record CheckpointView(
      long treeSize, String rootHash, long timestamp, Boolean consistent, String detail) {}

  /**
   * @return the newest checkpoints received, with the consistency verdict
   */
  @SuppressWarnings("unchecked")
  public List<CheckpointView> recent(int limit) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select tree_size, root_hash, signed_at, consistent, detail from log_checkpoint "
                    + "order by tree_size desc limit "
                    + limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new CheckpointView(
                    ((Number) r[0]).longValue(),
                    HEX.formatHex((byte[]) r[1]),
                    ((Number) r[2]).longValue(),
                    (Boolean) r[3],
                    (String) r[4]))
        .toList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void received(LogCheckpoint cp) {
    byte[] root = cp.getRootHash().bytes();
    @SuppressWarnings("unchecked")
    List<Object[]> last =
        Panache.getEntityManager()
            .createNativeQuery(
                "select tree_size, root_hash from log_checkpoint where tree_size <= :s order by tree_size desc limit 1")
            .setParameter("s", cp.getTreeSize())
            .getResultList();
    Boolean consistent = null;
    String detail;
    if (last.isEmpty()) {
      detail = "the first checkpoint this bank received";
      consistent = true;
    } else {
      long size = ((Number) last.get(0)[0]).longValue();
      if (size == cp.getTreeSize()) {
        return;
      }
      String verdict = check(size, (byte[]) last.get(0)[1], cp.getTreeSize(), root);
      consistent = verdict == null ? null : verdict.isEmpty();
      detail =
          verdict == null
              ? "not checked: TBX_HUB_URL is not set or the hub did not answer"
              : verdict.isEmpty() ? "extends the checkpoint of " + size + " leaves" : verdict;
      if (Boolean.FALSE.equals(consistent)) {
        Log.errorf(
            "the hub's log of %d leaves does NOT extend the one of %d leaves this bank saw: %s",
            cp.getTreeSize(), size, detail);
      }
    }
    Panache.getEntityManager()
        .createNativeQuery(
            "insert into log_checkpoint (tree_size, root_hash, signed_at, signature, "
                + "consistent, detail) values (:s, :r, :t, :g, :c, :d) on conflict do nothing")
        .setParameter("s", cp.getTreeSize())
        .setParameter("r", root)
        .setParameter("t", cp.getTimestamp().toEpochMilli())
        .setParameter("g", bytes(cp.getSignature()))
        .setParameter("c", consistent)
        .setParameter("d", detail)
        .executeUpdate();
  }

  /**
   * @return "" when proven consistent, a reason when not, null when it could not be checked
   */
  private String check(long first, byte[] firstRoot, long second, byte[] secondRoot) {
    if (config.hubUrl().isEmpty()) {
      return null;
    }
    try {
      HttpResponse<String> response =
          http.send(
              HubRequests.get(
                  config, "/api/v1/log/consistency?first=" + first + "&second=" + second),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return "the hub refused a consistency proof from "
            + first
            + " to "
            + second
            + ": HTTP "
            + response.statusCode();
      }
      JsonNode body = json.readTree(response.body());
      List<byte[]> proof = new ArrayList<>();
      body.get("proof").forEach(h -> proof.add(HEX.parseHex(h.asText())));
      return MerkleTree.verifyConsistency(first, second, firstRoot, secondRoot, proof)
          ? ""
          : "the consistency proof from " + first + " to " + second + " leaves does not verify";
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
