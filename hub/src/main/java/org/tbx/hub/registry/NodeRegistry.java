package org.tbx.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.BatchVerifier;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;

/**
 * The banks of the federation, their public keys, and each bank's stream head as the hub accepted
 * it.
 */
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
   * @param firstUsedSequence the first stream sequence the hub accepted under this key, null while
   *     unused
   * @param retiredAfterSequence the last sequence this key may sign, set when a newer key is first
   *     used
   * @param revokedAt when an administrator revoked it; it signs nothing from then on
   */
  public record KeyState(
      String keyId,
      byte[] rawPublicKey,
      PublicKey publicKey,
      Long firstUsedSequence,
      Long retiredAfterSequence,
      Instant revokedAt,
      String revocationReason) {

    /**
     * @return why a batch starting at {@code firstSequence} signed with this key is refused, if it
     *     is
     */
    public Optional<String> refusal(long firstSequence) {
      if (revokedAt != null) {
        return Optional.of(
            "key " + keyId + " was revoked at " + revokedAt + ": " + revocationReason);
      }
      if (retiredAfterSequence != null && firstSequence > retiredAfterSequence) {
        return Optional.of(
            "key "
                + keyId
                + " was replaced by a newer key from sequence "
                + (retiredAfterSequence + 1)
                + "; it may not sign sequence "
                + firstSequence);
      }
      return Optional.empty();
    }
  }

  private final Jdbc jdbc;

  NodeRegistry(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Registers a bank (if new) and one of its public keys; registering the same key again changes
   * nothing.
   *
   * @throws IllegalArgumentException when the node id or key is malformed
   */
  @Transactional
  public RegisteredKey register(String nodeId, byte[] rawPublicKey) {
    Topics.requireNodeId(nodeId);
    if (Topics.RESERVED_NODE_IDS.contains(nodeId)) {
      throw new IllegalArgumentException(
          "node id " + nodeId + " is reserved: " + Topics.RESERVED_NODE_IDS);
    }
    String keyId = Ed25519Keys.keyId(Ed25519Keys.publicKey(rawPublicKey));
    jdbc.update("insert into node (node_id) values (?) on conflict do nothing", nodeId);
    jdbc.update("insert into node_stream (node_id) values (?) on conflict do nothing", nodeId);
    int created =
        jdbc.update(
            "insert into node_key (node_id, key_id, public_key) values (?, ?, ?) on conflict do nothing",
            nodeId,
            keyId,
            rawPublicKey);
    return new RegisteredKey(nodeId, keyId, rawPublicKey, created == 1);
  }

  /**
   * @return whether a bank is registered
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean exists(String nodeId) {
    return jdbc.exists("select 1 from node where node_id = ?", nodeId);
  }

  /** A bank's membership: when it was admitted and offboarded, and the node token it was given. */
  public record Membership(
      String nodeId,
      Instant registeredAt,
      Instant admittedAt,
      String tokenId,
      Instant offboardedAt,
      String offboardReason) {}

  /**
   * Claims a node id for an admission under way, so two admissions of one id cannot both go on.
   *
   * @return false when the id is already a bank's
   */
  @Transactional
  public boolean claim(String nodeId) {
    return jdbc.update("insert into node (node_id) values (?) on conflict do nothing", nodeId) == 1;
  }

  /** Gives a claimed id back after an admission failed; nothing else refers to it yet. */
  @Transactional
  public void release(String nodeId) {
    jdbc.update("delete from node_key where node_id = ?", nodeId);
    jdbc.update("delete from node_stream where node_id = ?", nodeId);
    jdbc.update("delete from node where node_id = ? and admitted_at is null", nodeId);
  }

  /** Completes an admission: the bank's stream row, its first key if given, and who admitted it. */
  @Transactional
  public void admit(String nodeId, byte[] rawPublicKey, String tokenId, String by) {
    if (rawPublicKey != null) {
      register(nodeId, rawPublicKey);
    }
    jdbc.update("insert into node_stream (node_id) values (?) on conflict do nothing", nodeId);
    jdbc.update(
        "update node set admitted_at = now(), admitted_by = ?, token_id = ? where node_id = ?",
        by,
        tokenId,
        nodeId);
  }

  /**
   * Records that a bank left: its keys are revoked (it signs nothing more), its history stays.
   *
   * @return false when it had already left
   */
  @Transactional
  public boolean offboard(String nodeId, String reason, String by) {
    boolean left =
        jdbc.update(
                "update node set offboarded_at = now(), offboarded_by = ?, offboard_reason = ?"
                    + " where node_id = ? and offboarded_at is null",
                by,
                reason,
                nodeId)
            == 1;
    if (left) {
      jdbc.update(
          "update node_key set revoked_at = now(), revocation_reason = ?"
              + " where node_id = ? and revoked_at is null",
          "the bank was offboarded: " + reason,
          nodeId);
    }
    return left;
  }

  /**
   * @return the bank's membership, if it is registered
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Membership> membership(String nodeId) {
    return jdbc.first(
        "select node_id, registered_at, admitted_at, token_id, offboarded_at, offboard_reason"
            + " from node where node_id = ?",
        rs ->
            new Membership(
                rs.getString(1),
                Jdbc.instant(rs, "registered_at"),
                Jdbc.instant(rs, "admitted_at"),
                rs.getString(4),
                Jdbc.instant(rs, "offboarded_at"),
                rs.getString(6)),
        nodeId);
  }

  /**
   * @return every registered bank, by id
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<String> nodeIds() {
    return jdbc.list("select node_id from node order by node_id", rs -> rs.getString(1));
  }

  /**
   * Records the guarantee fund a registered bank declares, replacing an earlier declaration.
   *
   * @return false when the bank is not registered
   */
  @Transactional
  public boolean declareGuarantee(String nodeId, long fundMinutes) {
    return jdbc.update(
            "insert into guarantee_fund (node_id, fund_minutes) select node_id, ? from node where node_id = ? "
                + "on conflict (node_id) do update set fund_minutes = excluded.fund_minutes, declared_at = now()",
            fundMinutes,
            nodeId)
        == 1;
  }

  /**
   * @return each bank's declared guarantee fund in minutes
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> guaranteeFunds() {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.list(
            "select node_id, fund_minutes from guarantee_fund",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * @return the bank's registered keys in the order they were registered, empty for an unknown bank
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<KeyState> keys(String nodeId) {
    return new ArrayList<>(keyStates(nodeId).values());
  }

  /**
   * @return the bank's keys by key id in registration order
   */
  public Map<String, KeyState> keyStates(String nodeId) {
    Map<String, KeyState> keys = new LinkedHashMap<>();
    jdbc.list(
            "select key_id, public_key, first_used_sequence, retired_after_sequence, revoked_at, revocation_reason "
                + "from node_key where node_id = ? order by registered_at, key_id",
            rs ->
                new KeyState(
                    rs.getString(1),
                    rs.getBytes(2),
                    Ed25519Keys.publicKey(rs.getBytes(2)),
                    Jdbc.nullableLong(rs, "first_used_sequence"),
                    Jdbc.nullableLong(rs, "retired_after_sequence"),
                    Jdbc.instant(rs, "revoked_at"),
                    rs.getString(6)),
            nodeId)
        .forEach(k -> keys.put(k.keyId(), k));
    return keys;
  }

  /**
   * Records that {@code keyId} signed the batch starting at {@code firstSequence}. Its first use is
   * the rotation point: every key used before it is retired after the sequence before, and may sign
   * nothing later.
   *
   * @return true when this was the key's first use
   */
  public boolean markUsed(String nodeId, String keyId, long firstSequence) {
    if (jdbc.update(
            "update node_key set first_used_sequence = ? where node_id = ? and key_id = ? "
                + "and first_used_sequence is null",
            firstSequence,
            nodeId,
            keyId)
        == 0) {
      return false;
    }
    jdbc.update(
        "update node_key set retired_after_sequence = ? where node_id = ? and key_id <> ? "
            + "and first_used_sequence is not null and retired_after_sequence is null",
        firstSequence - 1,
        nodeId,
        keyId);
    return true;
  }

  /**
   * Revokes a key: from now on every batch signed with it is quarantined. Revoking again keeps the
   * first time.
   *
   * @return the key as it now stands; empty when the bank has no such key
   */
  @Transactional
  public Optional<KeyState> revoke(String nodeId, String keyId, String reason) {
    jdbc.update(
        "update node_key set revoked_at = now(), revocation_reason = ? where node_id = ? and key_id = ? "
            + "and revoked_at is null",
        reason,
        nodeId,
        keyId);
    return Optional.ofNullable(keyStates(nodeId).get(keyId));
  }

  /** A bank's stream head with when it last moved. */
  public record Head(BatchVerifier.StreamHead head, Instant updatedAt) {}

  /**
   * @return the bank's stream head, locked for the caller's transaction; empty for an unknown bank
   */
  public Optional<BatchVerifier.StreamHead> lockHead(String nodeId) {
    return jdbc.first(
        "select last_batch_hash, last_sequence from node_stream where node_id = ? for update",
        rs -> new BatchVerifier.StreamHead(rs.getBytes(1), rs.getLong(2)),
        nodeId);
  }

  /**
   * @return the bank's stream head as it stands; empty for an unknown bank
   */
  public Optional<Head> head(String nodeId) {
    return jdbc.first(
        "select last_batch_hash, last_sequence, updated_at from node_stream where node_id = ?",
        rs ->
            new Head(
                new BatchVerifier.StreamHead(rs.getBytes(1), rs.getLong(2)),
                Jdbc.instant(rs, "updated_at")),
        nodeId);
  }

  /** Moves the bank's stream head in the caller's transaction. */
  public void saveHead(String nodeId, BatchVerifier.StreamHead head) {
    jdbc.update(
        "update node_stream set last_batch_hash = ?, last_sequence = ?, updated_at = now() where node_id = ?",
        head.lastBatchHash(),
        head.lastSequence(),
        nodeId);
  }

  /**
   * A batch the hub accepted.
   *
   * @param batchHash SHA-256 of its body
   */
  public record AcceptedBatch(long firstSequence, long lastSequence, byte[] batchHash) {}

  /** Records the batches accepted in a poll, in the caller's transaction. */
  public void recordAccepted(String nodeId, List<AcceptedBatch> batches) {
    jdbc.batch(
        "insert into accepted_batch (node_id, first_sequence, last_sequence, batch_hash) values (?, ?, ?, ?)"
            + " on conflict do nothing",
        batches,
        (ps, b) -> Jdbc.bind(ps, nodeId, b.firstSequence(), b.lastSequence(), b.batchHash()));
  }

  /**
   * @return the accepted batch holding a sequence, if the hub recorded it
   */
  public Optional<AcceptedBatch> acceptedHolding(String nodeId, long sequence) {
    return jdbc.first(
        "select first_sequence, last_sequence, batch_hash from accepted_batch where node_id = ?"
            + " and first_sequence <= ? and last_sequence >= ? order by first_sequence desc limit 1",
        rs -> new AcceptedBatch(rs.getLong(1), rs.getLong(2), rs.getBytes(3)),
        nodeId,
        sequence,
        sequence);
  }

  /**
   * @return why the bank's stream is suspended, if it is
   */
  public Optional<String> suspension(String nodeId) {
    return jdbc.first(
        "select suspended_reason from node_stream where node_id = ? and suspended_at is not null",
        rs -> rs.getString(1),
        nodeId);
  }

  /** Suspends a bank's stream: its batches are held until {@link #resume}. */
  public void suspend(String nodeId, String reason) {
    jdbc.update(
        "update node_stream set suspended_at = now(), suspended_reason = ? where node_id = ?",
        reason,
        nodeId);
  }

  /**
   * An operator's suspension: the bank's batches are held (STREAM_SUSPENDED) until it is resumed.
   *
   * @return false when the bank has no stream or it is suspended already
   */
  @Transactional
  public boolean suspendByOperator(String nodeId, String reason) {
    return jdbc.update(
            "update node_stream set suspended_at = now(), suspended_reason = ?"
                + " where node_id = ? and suspended_at is null",
            reason,
            nodeId)
        == 1;
  }

  /**
   * @return false when the stream was not suspended
   */
  public boolean resume(String nodeId) {
    return jdbc.update(
            "update node_stream set suspended_at = null, suspended_reason = null where node_id = ?"
                + " and suspended_at is not null",
            nodeId)
        > 0;
  }

  /**
   * @return when each bank's stream last moved, for every registered bank (null: never)
   */
  public Map<String, Instant> lastBatches() {
    Map<String, Instant> at = new TreeMap<>();
    jdbc.list(
        "select n.node_id, s.updated_at from node n left join node_stream s using (node_id)"
            + " order by n.node_id",
        rs -> at.put(rs.getString("node_id"), Jdbc.instant(rs, "updated_at")));
    return at;
  }
}
