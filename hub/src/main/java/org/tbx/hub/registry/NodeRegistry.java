package org.tbx.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

  /**
   * A key and where it stands.
   *
   * @param firstUsedSequence the first stream sequence the hub accepted under this key, null while unused
   * @param retiredAfterSequence the last sequence this key may sign, set when a newer key is first used
   * @param revokedAt when an administrator revoked it; it signs nothing from then on
   */
  public record KeyState(
      String keyId, byte[] rawPublicKey, PublicKey publicKey, Long firstUsedSequence, Long retiredAfterSequence,
      java.time.OffsetDateTime revokedAt, String revocationReason) {

    /** @return why a batch starting at {@code firstSequence} signed with this key is refused, if it is */
    public Optional<String> refusal(long firstSequence) {
      if (revokedAt != null) {
        return Optional.of("key " + keyId + " was revoked at " + revokedAt + ": " + revocationReason);
      }
      if (retiredAfterSequence != null && firstSequence > retiredAfterSequence) {
        return Optional.of("key " + keyId + " was replaced by a newer key from sequence " + (retiredAfterSequence + 1)
            + "; it may not sign sequence " + firstSequence);
      }
      return Optional.empty();
    }
  }

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

  /** @return the bank's registered keys in the order they were registered, empty for an unknown bank */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<KeyState> keys(String nodeId) {
    try (Connection c = dataSource.getConnection()) {
      return new ArrayList<>(keyStates(c, nodeId).values());
    } catch (SQLException e) {
      throw new IllegalStateException("reading keys of " + nodeId + " failed", e);
    }
  }

  /** @return the bank's keys by key id in registration order, read on the caller's connection */
  public Map<String, KeyState> keyStates(Connection c, String nodeId) throws SQLException {
    Map<String, KeyState> keys = new java.util.LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select key_id, public_key, first_used_sequence, retired_after_sequence, revoked_at, revocation_reason "
            + "from node_key where node_id = ? order by registered_at, key_id")) {
      ps.setString(1, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] raw = rs.getBytes(2);
          keys.put(rs.getString(1), new KeyState(rs.getString(1), raw, Ed25519Keys.publicKey(raw),
              rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getObject(5, java.time.OffsetDateTime.class),
              rs.getString(6)));
        }
      }
    }
    return keys;
  }

  /**
   * Records that {@code keyId} signed the batch starting at {@code firstSequence}. Its first use is the rotation
   * point: every key used before it is retired after the sequence before, and may sign nothing later.
   *
   * @return true when this was the key's first use
   */
  public boolean markUsed(Connection c, String nodeId, String keyId, long firstSequence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update node_key set first_used_sequence = ? where node_id = ? and key_id = ? and first_used_sequence is null")) {
      ps.setLong(1, firstSequence);
      ps.setString(2, nodeId);
      ps.setString(3, keyId);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "update node_key set retired_after_sequence = ? where node_id = ? and key_id <> ? "
            + "and first_used_sequence is not null and retired_after_sequence is null")) {
      ps.setLong(1, firstSequence - 1);
      ps.setString(2, nodeId);
      ps.setString(3, keyId);
      ps.executeUpdate();
    }
    return true;
  }

  /**
   * Revokes a key: from now on every batch signed with it is quarantined. Revoking again keeps the first time.
   *
   * @return the key as it now stands; empty when the bank has no such key
   */
  @Transactional
  public Optional<KeyState> revoke(String nodeId, String keyId, String reason) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(
          "update node_key set revoked_at = now(), revocation_reason = ? where node_id = ? and key_id = ? and revoked_at is null")) {
        ps.setString(1, reason);
        ps.setString(2, nodeId);
        ps.setString(3, keyId);
        ps.executeUpdate();
      }
      return Optional.ofNullable(keyStates(c, nodeId).get(keyId));
    } catch (SQLException e) {
      throw new IllegalStateException("revoking key " + keyId + " of " + nodeId + " failed", e);
    }
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

  private static void update(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      ps.executeUpdate();
    }
  }
}
