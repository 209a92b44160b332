package org.tbx.hub.notice;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.tbx.protocol.Ed25519Keys;

/** The hub's signing key for notices and checkpoints: generated on first start, kept in the hub's database. */
@ApplicationScoped
public class HubKeys {

  /** The key in use. */
  public record SigningKey(String keyId, byte[] publicKey, PrivateKey privateKey) {
    public String publicKeyHex() {
      return HexFormat.of().formatHex(publicKey);
    }
  }

  private final DataSource dataSource;
  private volatile SigningKey current;

  HubKeys(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void onStart(@Observes StartupEvent event) {
    SigningKey key = current();
    Log.infof("the hub signs notices with key %s, public key %s", key.keyId(), key.publicKeyHex());
  }

  /** @return the signing key, generating and storing one on first use */
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

  private SigningKey loadOrGenerate() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(
          "select key_id, public_key, private_key from hub_key order by created_at desc limit 1")) {
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new SigningKey(rs.getString(1), rs.getBytes(2), Ed25519Keys.privateKey(rs.getBytes(3)));
          }
        }
      }
      KeyPair pair = Ed25519Keys.generate();
      SigningKey key = new SigningKey(Ed25519Keys.keyId(pair.getPublic()), Ed25519Keys.rawPublicKey(pair.getPublic()),
          pair.getPrivate());
      try (PreparedStatement ps = c.prepareStatement(
          "insert into hub_key (key_id, public_key, private_key) values (?, ?, ?) on conflict do nothing")) {
        ps.setString(1, key.keyId());
        ps.setBytes(2, key.publicKey());
        ps.setBytes(3, pair.getPrivate().getEncoded());
        ps.executeUpdate();
      }
      Log.infof("generated the hub's signing key %s", key.keyId());
      return key;
    }
  }
}
