package org.tbx.protocol.auth;

import java.util.Map;

/**
 * The Kafka client settings that log a principal in with SASL/SCRAM-SHA-256, the federation's
 * broker login.
 */
public final class KafkaLogin {

  /** The one SASL mechanism the federation's brokers enable. */
  public static final String MECHANISM = "SCRAM-SHA-256";

  private KafkaLogin() {}

  /**
   * @param securityProtocol {@code SASL_PLAINTEXT} (loopback, sandbox) or {@code SASL_SSL}
   *     (anything on a network)
   * @return {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for a
   *     Kafka client
   */
  public static Map<String, Object> properties(
      String user, String password, String securityProtocol) {
    return Map.of(
        "security.protocol", securityProtocol,
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + quoted(user)
                + "\" password=\""
                + quoted(password)
                + "\";");
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
