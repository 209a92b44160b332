package org.tbx.hub.notice;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.kit.keys.SigningKey;
import org.tbx.kit.keys.SigningKeys;

/**
 * The hub's signing key for notices and checkpoints: generated on first start, kept in the hub's
 * database.
 */
@ApplicationScoped
public class HubKeys {

  private final SigningKeys keys;

  HubKeys(DataSource dataSource) {
    this.keys = new SigningKeys(new Jdbc(dataSource));
  }

  void onStart(@Observes StartupEvent event) {
    SigningKey key = current();
    Log.infof("the hub signs notices with key %s, public key %s", key.keyId(), key.publicKeyHex());
  }

  /**
   * @return the signing key, generating and storing one on first use
   */
  public SigningKey current() {
    return keys.current();
  }
}
