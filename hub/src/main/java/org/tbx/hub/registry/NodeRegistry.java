package org.tbx.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;

/** The banks of the federation, their public keys, and each bank's stream head as the hub accepted it. */
@ApplicationScoped
public class NodeRegistry {

  /**
   * A registered key.
   *
   * @param created true when this call registered it, false when it was registered before
   */
  public record RegisteredKey(String nodeId, String keyId, byte[] publicKey, boolean created) {}

  private final DataSource dataSource;

  NodeRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Registers a bank (if new) and one of its public keys; registering the same key again changes nothing.
   *
   * @throws IllegalArgumentException when the node id or key is malformed
   */
  @Transactional
  public RegisteredKey register(String nodeId, byte[] rawPublicKey) {
    Topics.requireNodeId(nodeId);
    String keyId = Ed25519Keys.keyId(Ed25519Keys.publicKey(rawPublicKey));
    try (Connection c = dataSource.getConnection()) {
      update(c, "insert into node (node_id) values (?) on conflict do nothing", nodeId);
      update(c, "insert into node_stream (node_id) values (?) on conflict do nothing", nodeId);
      try (PreparedStatement ps = c.prepareStatement(
          "insert into node_key (node_id, key_id, public_key) values (?, ?, ?) on conflict do nothing")) {
        ps.setString(1, nodeId);
        ps.setString(2, keyId);
        ps.setBytes(3, rawPublicKey);
        return new RegisteredKey(nodeId, keyId, rawPublicKey, ps.executeUpdate() == 1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("registering a key of " + nodeId + " failed", e);
    }
  }

  /**
   * Records the guarantee fund a registered bank declares, replacing an earlier declaration.
   *
   * @return false when the bank is not registered
   */
  @Transactional
  public boolean declareGuarantee(String nodeId, long fundMinutes) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "insert into guarantee_fund (node_id, fund_minutes) select node_id, ? from node where node_id = ? "
                + "on conflict (node_id) do update set fund_minutes = excluded.fund_minutes, declared_at = now()")) {
      ps.setLong(1, fundMinutes);
      ps.setString(2, nodeId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("declaring the guarantee fund of " + nodeId + " failed", e);
    }
  }

  /** @return the bank's registered keys, empty for an unknown bank */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<RegisteredKey> keys(String nodeId) {
    try (Connection c = dataSource.getConnection()) {
      return keys(c, nodeId);
    } catch (SQLException e) {
      throw new IllegalStateException("reading keys of " + nodeId + " failed", e);
    }
  }

  /** @return the bank's keys by key id, read on the caller's connection */
  public Map<String, PublicKey> publicKeys(Connection c, String nodeId) throws SQLException {
    Map<String, PublicKey> keys = new HashMap<>();
    for (RegisteredKey k : keys(c, nodeId)) {
      keys.put(k.keyId(), Ed25519Keys.publicKey(k.publicKey()));
    }
    return keys;
  }

  /** @return the bank's stream head, locked for the caller's transaction; empty for an unknown bank */
  public Optional<BatchVerifier.StreamHead> lockHead(Connection c, String nodeId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select last_batch_hash, last_sequence from node_stream where node_id = ? for update")) {
      ps.setString(1, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new BatchVerifier.StreamHead(rs.getBytes(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  /** Moves the bank's stream head on the caller's connection. */
  public void saveHead(Connection c, String nodeId, BatchVerifier.StreamHead head) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update node_stream set last_batch_hash = ?, last_sequence = ?, updated_at = now() where node_id = ?")) {
      ps.setBytes(1, head.lastBatchHash());
      ps.setLong(2, head.lastSequence());
      ps.setString(3, nodeId);
      ps.executeUpdate();
    }
  }

  private static List<RegisteredKey> keys(Connection c, String nodeId) throws SQLException {
    List<RegisteredKey> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select key_id, public_key from node_key where node_id = ? order by registered_at")) {
      ps.setString(1, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(new RegisteredKey(nodeId, rs.getString(1), rs.getBytes(2), false));
        }
      }
    }
    return keys;
  }

  private static void update(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      ps.executeUpdate();
    }
  }
}
