package org.tbx.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tbx.protocol.auth.KafkaLogin;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and PostgreSQL server, and a fresh database
 * schema for each application start so runs never see each other's rows, and an application that
 * signs people in with an OpenID Connect provider a {@link FakeIdentityProvider}. {@link
 * #clientConfig()} gives a test's own Kafka clients the same login.
 */
public class TbxTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Infrastructure infra = SharedInfrastructure.get();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> config =
        new HashMap<>(
            Map.of(
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(),
                "quarkus.datasource.username", infra.postgres().username(),
                "quarkus.datasource.password", infra.postgres().password(),
                "tbx.db.schema", schema,
                "kafka.bootstrap.servers", infra.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", TestTokens.verifyKey().toString(),
                // the hub mints an admitted bank's node token with the tests' issuer key
                "tbx.hub.admission.token-signing-key", TestTokens.signingKey().toString()));
    // An application that signs people in with an identity provider (the hub) gets one.
    if (hasIdentityProviderSignIn()) {
      config.putAll(FakeIdentityProvider.get().hubSettings());
    }
    // The application under test logs in as the super user; KafkaAclTest and the sandbox use real
    // principals.
    infra
        .kafka()
        .superUser()
        .ifPresent(
            u -> {
              config.put("tbx.kafka.user", u.user());
              config.put("tbx.kafka.password", u.password());
            });
    return config;
  }

  /**
   * @return the settings given, plus the bootstrap servers and login of the application under test
   */
  public static Map<String, Object> clientConfig(Map<String, Object> settings) {
    Config config = ConfigProvider.getConfig();
    Map<String, Object> client = new HashMap<>(settings);
    client.put("bootstrap.servers", config.getValue("kafka.bootstrap.servers", String.class));
    config
        .getOptionalValue("tbx.kafka.user", String.class)
        .ifPresent(
            user ->
                client.putAll(
                    KafkaLogin.properties(
                        user,
                        config.getValue("tbx.kafka.password", String.class),
                        "SASL_PLAINTEXT")));
    return client;
  }

  private static boolean hasIdentityProviderSignIn() {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), TbxTestResource.class.getClassLoader()
        }) {
      try {
        Class.forName("io.quarkus.oidc.IdToken", false, loader);
        return true;
      } catch (ClassNotFoundException e) {
        // not on this loader's path
      }
    }
    return false;
  }

  @Override
  public void stop() {
    // The shared infrastructure outlives one application start; it stops when the JVM exits.
  }
}
