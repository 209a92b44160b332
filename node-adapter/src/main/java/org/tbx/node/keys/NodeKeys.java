package org.tbx.node.keys;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.kit.keys.SigningKey;
import org.tbx.kit.keys.SigningKeys;
import org.tbx.node.config.NodeConfig;
import org.tbx.protocol.Ed25519Keys;

/**
 * The node's signing keys, kept in the adapter's database ({@link SigningKeys}): loaded from {@code
 * TBX_NODE_KEY_FILE} or generated on first start, printed so the bank can register it at the hub,
 * and rotated in two steps (create the next key, register it at the hub, then activate it) so no
 * batch is signed with a key the hub does not know yet.
 */
@ApplicationScoped
public class NodeKeys {

  private final NodeConfig config;
  private final SigningKeys keys;

  NodeKeys(NodeConfig config, DataSource dataSource) {
    this.config = config;
    this.keys = new SigningKeys(new Jdbc(dataSource));
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    config.keyFile().ifPresent(file -> keys.adopt(read(Path.of(file))));
    SigningKey key = current();
    Log.infof(
        "node %s signs with key %s, public key %s: register it at the hub (POST /api/v1/nodes/%s/keys)",
        config.id(), key.keyId(), key.publicKeyHex(), config.id());
  }

  /**
   * @return the active signing key, generating and storing one on first use
   */
  public SigningKey current() {
    return keys.current();
  }

  /**
   * @return every key of this node, newest first
   */
  public List<SigningKey> all() {
    return keys.all();
  }

  /**
   * Generates the next key without signing with it yet; register it at the hub, then {@link
   * #activate} it.
   */
  public SigningKey createNext() {
    return keys.createNext();
  }

  /** Makes a key the signing key for every batch sealed from now on; the others stop signing. */
  public SigningKey activate(String keyId) {
    return keys.activate(keyId);
  }

  /**
   * Reads a key file: properties {@code publicKeyHex} and {@code privateKeyPkcs8Hex}, checked to be
   * one pair.
   */
  private static KeyPair read(Path file) {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("TBX_NODE_KEY_FILE " + file + " cannot be read", e);
    }
    try {
      PublicKey publicKey =
          Ed25519Keys.publicKey(HexFormat.of().parseHex(required(p, "publicKeyHex", file)));
      PrivateKey privateKey =
          Ed25519Keys.privateKey(HexFormat.of().parseHex(required(p, "privateKeyPkcs8Hex", file)));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(new byte[] {1});
      byte[] probe = signer.sign();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(new byte[] {1});
      if (!verifier.verify(probe)) {
        throw new IllegalStateException(
            "TBX_NODE_KEY_FILE "
                + file
                + ": publicKeyHex is not the public half of privateKeyPkcs8Hex");
      }
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "TBX_NODE_KEY_FILE " + file + " does not hold an Ed25519 key pair: " + e.getMessage());
    }
  }

  private static String required(Properties p, String name, Path file) {
    String value = p.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing in " + file);
    }
    return value.strip();
  }
}
