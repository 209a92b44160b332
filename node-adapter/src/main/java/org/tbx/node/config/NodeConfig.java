package org.tbx.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** This bank's adapter settings ({@code tbx.node.*}). */
@ConfigMapping(prefix = "tbx.node")
public interface NodeConfig {

  /** The bank's node id, as registered at the hub; names its Kafka topics. */
  String id();

  /**
   * The longest wait before the outbox relay looks for new events; a commit that queues one asks at
   * once.
   */
  @WithDefault("1s")
  Duration relayInterval();

  /**
   * The hub's notice-signing public key (64 hex digits, from the hub's {@code GET
   * /api/v1/hub/key}); without it the adapter does not read the hub's notices, since it could not
   * tell them from forgeries.
   */
  Optional<String> hubPublicKey();

  /**
   * Where the bank's own system wants the hub's decisions (redemption authorized or declined,
   * reconciliation results) pushed as JSON POSTs; without it they are only queryable.
   */
  Optional<String> webhookUrl();

  /**
   * The pause after a webhook delivery's first failure; it doubles after each further failure, up
   * to ten minutes.
   */
  @WithDefault("2s")
  Duration webhookRetryPause();

  /** The hub's REST base URL, e.g. {@code http://hub.example:8080}, for volunteers' balances. */
  Optional<String> hubUrl();

  /**
   * This bank's API token at the hub (role {@code node}, subject this node id; {@code
   * TBX_HUB_TOKEN}), sent with every call to {@link #hubUrl()}.
   */
  Optional<String> hubToken();

  /**
   * The federation's volunteer-id key ({@code TBX_VOLUNTEER_ID_KEY}, at least 64 hex digits),
   * shared by every bank and never by the hub: enrolling with a national ID number derives the
   * volunteer id from it.
   */
  Optional<String> volunteerIdKey();

  /** How often the adapter sends a balance statement on its own; 0 turns the schedule off. */
  @WithDefault("1h")
  Duration statementInterval();

  /** Most volunteers in one part of a statement. */
  @WithDefault("1000")
  int statementPartLines();

  /**
   * A file with this node's key pair ({@code publicKeyHex}, {@code privateKeyPkcs8Hex}); without it
   * the adapter generates a key on first start and keeps it in its database.
   */
  Optional<String> keyFile();

  /** Most events sealed into one batch. */
  @WithDefault("500")
  int maxBatchEvents();
}
