package org.tbx.node.keys;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.rest.NotFoundException;
import org.tbx.protocol.Ed25519Keys;

/**
 * The node's signing keys, kept in the adapter's database: loaded from {@code TBX_NODE_KEY_FILE} or
 * generated on first start, printed so the bank can register it at the hub, and rotated in two steps
 * (create the next key, register it at the hub, then activate it) so no batch is signed with a key the hub
 * does not know yet.
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
    config.keyFile().ifPresent(file -> QuarkusTransaction.requiringNew().run(() -> adopt(Path.of(file))));
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

  /** @return every key of this node, newest first */
  public List<NodeKey> all() {
    return QuarkusTransaction.requiringNew().call(() -> NodeKey.<NodeKey>find("order by createdAt desc").list());
  }

  /** Generates the next key without signing with it yet; register it at the hub, then {@link #activate} it. */
  public NodeKey createNext() {
    NodeKey next = QuarkusTransaction.requiringNew().call(() -> store(Ed25519Keys.generate(), false));
    Log.infof("created the next signing key %s (public key %s); it signs once activated", next.keyId,
        HexFormat.of().formatHex(next.publicKey));
    return next;
  }

  /** Makes a key the signing key for every batch sealed from now on; the others stop signing. */
  public synchronized NodeKey activate(String keyId) {
    NodeKey key = QuarkusTransaction.requiringNew().call(() -> {
      NodeKey k = NodeKey.<NodeKey>findByIdOptional(keyId)
          .orElseThrow(() -> new NotFoundException("this node has no key " + keyId));
      NodeKey.update("active = false where keyId <> ?1", keyId);
      k.active = true;
      return k;
    });
    current = null;
    Log.infof("key %s now signs this node's batches", keyId);
    return key;
  }

  private static SigningKey loadOrGenerate() {
    NodeKey stored = NodeKey.newestActive().orElseGet(() -> {
      NodeKey k = store(Ed25519Keys.generate(), true);
      Log.infof("generated a new signing key %s", k.keyId);
      return k;
    });
    return new SigningKey(stored.keyId, stored.publicKey, Ed25519Keys.privateKey(stored.privateKey));
  }

  private static NodeKey store(KeyPair pair, boolean active) {
    NodeKey k = new NodeKey();
    k.keyId = Ed25519Keys.keyId(pair.getPublic());
    k.publicKey = Ed25519Keys.rawPublicKey(pair.getPublic());
    k.privateKey = pair.getPrivate().getEncoded();
    k.active = active;
    k.persist();
    return k;
  }

  /**
   * Makes the key in a key file (properties {@code publicKeyHex} and {@code privateKeyPkcs8Hex}) this node's
   * signing key, unless it already is.
   */
  private static void adopt(Path file) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("TBX_NODE_KEY_FILE " + file + " cannot be read", e);
    }
    PublicKey publicKey;
    PrivateKey privateKey;
    try {
      publicKey = Ed25519Keys.publicKey(HexFormat.of().parseHex(required(p, "publicKeyHex", file)));
      privateKey = Ed25519Keys.privateKey(HexFormat.of().parseHex(required(p, "privateKeyPkcs8Hex", file)));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(new byte[] {1});
      byte[] probe = signer.sign();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(new byte[] {1});
      if (!verifier.verify(probe)) {
        throw new IllegalStateException("TBX_NODE_KEY_FILE " + file + ": publicKeyHex is not the public half of privateKeyPkcs8Hex");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("TBX_NODE_KEY_FILE " + file + " does not hold an Ed25519 key pair: " + e.getMessage());
    }
    String keyId = Ed25519Keys.keyId(publicKey);
    Optional<NodeKey> known = NodeKey.findByIdOptional(keyId);
    if (known.isPresent() && known.get().active) {
      return;
    }
    if (known.isEmpty()) {
      store(new KeyPair(publicKey, privateKey), false);
    }
    NodeKey.update("active = (keyId = ?1)", keyId);
    Log.infof("adopted the signing key %s from %s", keyId, file);
  }

  private static String required(Properties p, String name, Path file) {
    String value = p.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing in " + file);
    }
    return value.strip();
  }
}
