package org.tbx.node.keys;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HexFormat;
import org.tbx.node.config.NodeConfig;
import org.tbx.protocol.Ed25519Keys;

/**
 * The node's signing key: generated on first start and kept in the adapter's database, printed so the
 * bank can register it at the hub.
 */
@ApplicationScoped
public class NodeKeys {

  /** The signing key in use. */
  public record SigningKey(String keyId, byte[] publicKey, PrivateKey privateKey) {
    public String publicKeyHex() {
      return HexFormat.of().formatHex(publicKey);
    }
  }

  private final NodeConfig config;
  private volatile SigningKey current;

  NodeKeys(NodeConfig config) {
    this.config = config;
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    SigningKey key = current();
    Log.infof("node %s signs with key %s, public key %s: register it at the hub (POST /api/v1/nodes/%s/keys)",
        config.id(), key.keyId(), key.publicKeyHex(), config.id());
  }

  /** @return the active signing key, generating and storing one on first use */
  public SigningKey current() {
    SigningKey key = current;
    if (key == null) {
      synchronized (this) {
        if (current == null) {
          current = QuarkusTransaction.requiringNew().call(NodeKeys::loadOrGenerate);
        }
        key = current;
      }
    }
    return key;
  }

  private static SigningKey loadOrGenerate() {
    NodeKey stored = NodeKey.newestActive().orElseGet(() -> {
      KeyPair pair = Ed25519Keys.generate();
      NodeKey k = new NodeKey();
      k.keyId = Ed25519Keys.keyId(pair.getPublic());
      k.publicKey = Ed25519Keys.rawPublicKey(pair.getPublic());
      k.privateKey = pair.getPrivate().getEncoded();
      k.active = true;
      k.persist();
      Log.infof("generated a new signing key %s", k.keyId);
      return k;
    });
    return new SigningKey(stored.keyId, stored.publicKey, Ed25519Keys.privateKey(stored.privateKey));
  }
}
