package org.tbx.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The hub's own settings ({@code tbx.hub.*}). */
@ConfigMapping(prefix = "tbx.hub")
public interface HubConfig {

  /** Kafka consumer group shared by all hub instances. */
  @WithDefault("tbx-hub")
  String groupId();

  /** Regular expression of the node topics the hub consumes. */
  @WithDefault("tbx\\.node\\.[^.]+\\.out")
  String topicPattern();

  /**
   * How long the broker waits for a hub instance's heartbeat before it gives the instance's banks
   * to the others (Kafka allows 6 s to 30 min by default).
   */
  @WithDefault("PT10S")
  Duration sessionTimeout();

  /**
   * A stable name of this instance in the consumer group (Kafka's static membership, {@code
   * TBX_HUB_INSTANCE_ID}): restarted under the same name, it takes its banks back at once instead
   * of after the session timeout. Each running instance needs its own.
   */
  Optional<String> instanceId();

  /** How often new node topics are discovered. */
  @WithDefault("PT2S")
  Duration topicRefresh();

  @WithDefault("PT0.5S")
  Duration pollTimeout();

  /**
   * Wait before retrying a poll whose records could not be committed (database unavailable, say).
   */
  @WithDefault("PT2S")
  Duration retryBackoff();

  /**
   * How many times one record that fails to apply (a hub fault, not bad input, while the database
   * answers) is tried alone before it is quarantined as {@code APPLY_FAILED}.
   */
  @WithDefault("3")
  int poisonAttempts();

  /**
   * Readiness turns DOWN when records wait on the bank topics and nothing was applied for this
   * long.
   */
  @WithDefault("PT60S")
  Duration stallAfter();

  /**
   * The address people reach the hub at, for the sign-in links banks hand to volunteers; empty: the
   * address the bank asked at.
   */
  Optional<String> publicUrl();

  /** How often the settlement figures behind the pages (outstanding, coverage, flows) are made. */
  @WithDefault("60s")
  Duration statisticsRefresh();

  /** How far ahead a volunteer and their home bank are told that a certification expires. */
  @WithDefault("P30D")
  Duration certificationWarning();

  /** How often certifications about to expire are looked for. */
  @WithDefault("1h")
  Duration certificationCheck();

  /** How often expired holds are looked for and released. */
  @WithDefault("5s")
  Duration expirySweep();

  /**
   * The longest wait before a complete statement is reconciled; a poll that completes one asks at
   * once.
   */
  @WithDefault("5s")
  Duration reconciliationInterval();

  /** How often the log is checked for new leaves and, if it grew, a checkpoint is signed. */
  @WithDefault("1s")
  Duration checkpointInterval();

  /**
   * The longest wait before waiting notices are sealed and published; a commit that queues one asks
   * at once.
   */
  @WithDefault("1s")
  Duration noticeInterval();

  /**
   * How far in the future a bank's clock may run: a service later than now plus this is refused.
   */
  @WithDefault("PT1M")
  Duration clockSkew();

  /** Settlement alerts. */
  Settlement settlement();

  /** Admitting banks ({@code POST /api/v1/admissions}). */
  Admission admission();

  /** What the hub needs to admit a bank in one step. */
  interface Admission {
    /**
     * A Kafka login allowed to create logins, topics and ACLs ({@code TBX_KAFKA_ADMIN_USER});
     * empty: the hub's own login, which must then be a super user, or a broker without
     * authentication.
     */
    Optional<String> kafkaAdminUser();

    /** Its password ({@code TBX_KAFKA_ADMIN_PASSWORD}). */
    Optional<String> kafkaAdminPassword();

    /**
     * The token issuer's private key, PKCS#8 PEM ({@code TBX_TOKEN_SIGNING_KEY}), to mint the new
     * bank's node token with; empty: no token is minted and the answer says where to get one.
     */
    Optional<Path> tokenSigningKey();

    /**
     * The bootstrap servers a bank reaches the broker at, when they differ from the hub's ({@code
     * TBX_BANK_KAFKA_BOOTSTRAP}).
     */
    Optional<String> bankBootstrapServers();
  }

  /** When a bank's position deserves the regulator's attention. */
  interface Settlement {
    /**
     * Alert when a bank's guarantee fund covers less than this share (per mille) of its outstanding
     * minutes.
     */
    @WithDefault("500")
    int minCoveragePermille();

    /** Alert when a bank's net position, either way, passes this many minutes in the period. */
    @WithDefault("60000")
    long netLimitMinutes();
  }
}
