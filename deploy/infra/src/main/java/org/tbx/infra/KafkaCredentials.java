package org.tbx.infra;

import java.util.Map;
import org.tbx.protocol.auth.KafkaGrants;
import org.tbx.protocol.auth.KafkaLogin;

/** A Kafka principal's SCRAM login. */
public record KafkaCredentials(String user, String password) {

  /**
   * @return 128 random bits as hex
   */
  public static String newPassword() {
    return KafkaGrants.newPassword();
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
