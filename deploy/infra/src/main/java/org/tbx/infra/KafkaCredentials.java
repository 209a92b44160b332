package org.tbx.infra;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.tbx.protocol.auth.KafkaLogin;

/** A Kafka principal's SCRAM login. */
public record KafkaCredentials(String user, String password) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @return 128 random bits as hex
   */
  public static String newPassword() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * @return the client settings that log in as this principal over SASL_PLAINTEXT
   */
  public Map<String, Object> clientProperties() {
    return KafkaLogin.properties(user, password, "SASL_PLAINTEXT");
  }

  @Override
  public String toString() {
    return "KafkaCredentials[user=" + user + "]";
  }
}
