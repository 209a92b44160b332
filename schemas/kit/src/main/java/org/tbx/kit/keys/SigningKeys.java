package org.tbx.kit.keys;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.Ed25519Keys;

/**
 * A service's Ed25519 signing keys, kept in its own {@code signing_key} table: generated on first
 * use, rotated in two steps (create the next key, let the readers learn it, then activate it) so
 * nothing is signed with a key its readers do not know yet. The hub and every adapter keep theirs
 * this way.
 */
public final class SigningKeys {

  private final Jdbc jdbc;
  private volatile SigningKey current;

  public SigningKeys(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @return the active signing key, generating and storing one on first use
   */
  public SigningKey current() {
    SigningKey key = current;
    if (key == null) {
      synchronized (this) {
        if (current == null) {
          current = QuarkusTransaction.requiringNew().call(this::loadOrGenerate);
        }
        key = current;
      }
    }
    return key;
  }

  /**
   * @return every key, newest first
   */
  public List<SigningKey> all() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                jdbc.list(
                    "select key_id, public_key, private_key, active, created_at from signing_key "
                        + "order by created_at desc, key_id",
                    SigningKeys::key));
  }

  /**
   * Generates the next key without signing with it yet; make it known, then {@link #activate} it.
   */
  public SigningKey createNext() {
    SigningKey next =
        QuarkusTransaction.requiringNew().call(() -> store(Ed25519Keys.generate(), false));
    Log.infof(
        "created the next signing key %s (public key %s); it signs once activated",
        next.keyId(), next.publicKeyHex());
    return next;
  }

  /**
   * Makes a key the one that signs everything sealed from now on; the others stop signing.
   *
   * @throws ApiException 404 when there is no such key
   */
  public synchronized SigningKey activate(String keyId) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (!jdbc.exists("select 1 from signing_key where key_id = ?", keyId)) {
                throw ApiException.notFound("there is no signing key " + keyId);
              }
              jdbc.update("update signing_key set active = (key_id = ?)", keyId);
            });
    current = null;
    Log.infof("key %s now signs", keyId);
    return current();
  }

  /** Makes a given key pair the signing key (adopting it when new), unless it already is. */
  public synchronized void adopt(KeyPair pair) {
    String keyId = Ed25519Keys.keyId(pair.getPublic());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Optional<Boolean> active =
                  jdbc.first(
                      "select active from signing_key where key_id = ?",
                      rs -> rs.getBoolean(1),
                      keyId);
              if (active.orElse(false)) {
                return;
              }
              if (active.isEmpty()) {
                store(pair, false);
              }
              jdbc.update("update signing_key set active = (key_id = ?)", keyId);
              Log.infof("adopted the signing key %s", keyId);
            });
    current = null;
  }

  private SigningKey loadOrGenerate() {
    return jdbc.first(
            "select key_id, public_key, private_key, active, created_at from signing_key where active "
                + "order by created_at desc limit 1",
            SigningKeys::key)
        .orElseGet(
            () -> {
              SigningKey k = store(Ed25519Keys.generate(), true);
              Log.infof("generated a new signing key %s", k.keyId());
              return k;
            });
  }

  private static SigningKey key(ResultSet rs) throws SQLException {
    return new SigningKey(
        rs.getString(1),
        rs.getBytes(2),
        Ed25519Keys.privateKey(rs.getBytes(3)),
        rs.getBoolean(4),
        Jdbc.instant(rs, "created_at"));
  }

  private SigningKey store(KeyPair pair, boolean active) {
    SigningKey key =
        new SigningKey(
            Ed25519Keys.keyId(pair.getPublic()),
            Ed25519Keys.rawPublicKey(pair.getPublic()),
            pair.getPrivate(),
            active,
            Instant.now());
    jdbc.update(
        "insert into signing_key (key_id, public_key, private_key, active) values (?, ?, ?, ?) on conflict do nothing",
        key.keyId(),
        key.publicKey(),
        pair.getPrivate().getEncoded(),
        active);
    return key;
  }
}
