package org.tbx.hub.membership;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.hub.notice.HubKeys;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.security.TokenRevocations;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.kafka.KafkaSettings;
import org.tbx.kit.keys.SigningKey;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.KafkaGrants;
import org.tbx.protocol.auth.KafkaLogin;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.auth.TokenKeys;

/**
 * Admits a bank in one step (its Kafka login, topics and ACLs, its signing key, its node token) and
 * lets it leave again keeping its history. A failed admission takes back what it created.
 */
@ApplicationScoped
public class Admissions {

  /** A node token minted at admission is valid this long (the role allows 366 days). */
  static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

  private static final Pattern JTI = Pattern.compile("\"jti\":\"([^\"]+)\"");

  /**
   * What a bank needs to join, in one document.
   *
   * @param kafka where and as whom the bank's adapter connects
   * @param hub the hub's address and the key its notices are signed with
   * @param keyId the bank's registered signing key, null when none was given (register one with
   *     {@code POST /api/v1/nodes/{nodeId}/keys} before the first batch)
   * @param token the bank's node token, null when the hub has no token-signing key (then {@code
   *     tokenNote} says how to get one)
   * @param adapterEnvironment the same, as the node adapter's environment variables
   */
  public record Admission(
      String nodeId,
      Instant admittedAt,
      KafkaAccess kafka,
      HubAccess hub,
      String keyId,
      String token,
      Instant tokenExpiresAt,
      String tokenNote,
      Map<String, String> adapterEnvironment) {}

  /**
   * The bank's broker access.
   *
   * @param user the bank's SCRAM login, null on a broker without authentication
   * @param password its password, shown once: the hub does not keep it
   */
  public record KafkaAccess(
      String bootstrapServers,
      String securityProtocol,
      String saslMechanism,
      String user,
      String password,
      String outTopic,
      String inTopic,
      String consumerGroup) {}

  /** The hub as a bank reaches it. */
  public record HubAccess(String url, String noticeKeyId, String noticePublicKeyHex) {}

  /** What offboarding did. */
  public record Offboarded(
      String nodeId,
      Instant offboardedAt,
      boolean kafkaLoginRemoved,
      boolean tokenRevoked,
      List<String> stillToRemove) {}

  private final NodeRegistry registry;
  private final HubKeys hubKeys;
  private final TokenRevocations revocations;
  private final HubConfig.Admission config;
  private final KafkaSettings kafka;
  private final String securityProtocol;
  private final boolean authenticated;

  Admissions(
      NodeRegistry registry,
      HubKeys hubKeys,
      TokenRevocations revocations,
      HubConfig config,
      KafkaClients clients,
      @ConfigProperty(name = "tbx.kafka.user") Optional<String> hubUser,
      @ConfigProperty(name = "tbx.kafka.security-protocol", defaultValue = "SASL_PLAINTEXT")
          String securityProtocol) {
    this.registry = registry;
    this.hubKeys = hubKeys;
    this.revocations = revocations;
    this.config = config.admission();
    this.securityProtocol = securityProtocol;
    Optional<String> adminUser = this.config.kafkaAdminUser().filter(u -> !u.isBlank());
    this.authenticated = adminUser.isPresent() || hubUser.filter(u -> !u.isBlank()).isPresent();
    this.kafka =
        adminUser.isPresent()
            ? new KafkaSettings(
                clients.settings().bootstrapServers(),
                adminUser,
                this.config.kafkaAdminPassword(),
                securityProtocol)
            : clients.settings();
  }

  /**
   * Admits a bank.
   *
   * @param publicKeyHex the bank's Ed25519 public key, or null to register it later
   * @param hubUrl the hub's address as banks reach it
   * @throws ApiException 400 naming the field at fault, 409 when the id is taken, 502 when Kafka
   *     refuses (then nothing is left behind)
   */
  public Admission admit(String nodeId, String publicKeyHex, String hubUrl, String by) {
    requireNewId(nodeId);
    byte[] rawKey = publicKey(publicKeyHex);
    Optional<PrivateKey> tokenKey = tokenSigningKey();
    if (!registry.claim(nodeId)) {
      throw ApiException.conflict(
          "NODE_EXISTS", "bank " + nodeId + " is already a member; choose another node id");
    }
    String user = authenticated ? KafkaGrants.nodeUser(nodeId) : null;
    String password = authenticated ? KafkaGrants.newPassword() : null;
    List<AclBinding> acls = acls(nodeId);
    List<String> topics = List.of(Topics.nodeOut(nodeId), Topics.nodeIn(nodeId));
    try (Admin admin = kafka.admin()) {
      List<String> newTopics;
      try {
        if (user != null && KafkaGrants.loginExists(admin, user)) {
          throw ApiException.conflict(
              "KAFKA_LOGIN_EXISTS",
              "the broker already has a login "
                  + user
                  + " that TBX did not create; remove it or choose another node id");
        }
        newTopics = KafkaGrants.missingTopics(admin, topics);
      } catch (RuntimeException e) {
        registry.release(nodeId);
        throw refusal(nodeId, e);
      }
      try {
        KafkaGrants.provision(admin, user, password, topics, acls);
        String token = tokenKey.map(k -> mint(nodeId, k)).orElse(null);
        registry.admit(nodeId, rawKey, token == null ? null : jti(token), by);
        Log.infof("admitted bank %s (by %s)", nodeId, by);
        return admission(nodeId, Instant.now(), user, password, rawKey, token, hubUrl);
      } catch (RuntimeException e) {
        List<String> left = KafkaGrants.withdraw(admin, user, acls, newTopics);
        if (!left.isEmpty()) {
          Log.errorf("a failed admission of %s left behind: %s", nodeId, left);
        }
        registry.release(nodeId);
        throw refusal(nodeId, e);
      }
    }
  }

  private static ApiException refusal(String nodeId, RuntimeException e) {
    if (e instanceof ApiException api) {
      return api;
    }
    return ApiException.of(
        502,
        "KAFKA_REFUSED",
        "bank " + nodeId + " was not admitted and nothing was kept: " + e.getMessage());
  }

  /**
   * Lets a bank leave: its Kafka login and its own ACLs are removed, its keys and admission token
   * revoked; its topics, events, accounts and the hub's access to what it already sent stay.
   *
   * @throws ApiException 404 for an unknown bank, 409 when it already left
   */
  public Offboarded offboard(String nodeId, String reason, String by) {
    NodeRegistry.Membership member =
        registry
            .membership(nodeId)
            .orElseThrow(() -> ApiException.notFound("no bank " + nodeId + " is registered"));
    if (member.offboardedAt() != null) {
      throw ApiException.conflict(
          "NODE_OFFBOARDED",
          "bank " + nodeId + " left at " + member.offboardedAt() + ": " + member.offboardReason());
    }
    List<String> failures = new ArrayList<>();
    boolean loginRemoved = false;
    try (Admin admin = kafka.admin()) {
      String user = authenticated ? KafkaGrants.nodeUser(nodeId) : null;
      failures.addAll(
          KafkaGrants.withdraw(
              admin, user, authenticated ? KafkaGrants.bank(nodeId) : List.of(), List.of()));
      loginRemoved = user != null && !KafkaGrants.loginExists(admin, user);
    } catch (RuntimeException e) {
      failures.add("Kafka: " + e.getMessage());
    }
    registry.offboard(nodeId, reason, by);
    boolean tokenRevoked = false;
    if (member.tokenId() != null) {
      revocations.revoke(member.tokenId(), "the bank was offboarded: " + reason, by);
      tokenRevoked = true;
    }
    Log.infof("offboarded bank %s (by %s): %s", nodeId, by, reason);
    Instant at =
        registry.membership(nodeId).map(NodeRegistry.Membership::offboardedAt).orElse(null);
    return new Offboarded(nodeId, at, loginRemoved, tokenRevoked, failures);
  }

  private Admission admission(
      String nodeId,
      Instant at,
      String user,
      String password,
      byte[] rawKey,
      String token,
      String hubUrl) {
    String bootstrap =
        config.bankBootstrapServers().filter(b -> !b.isBlank()).orElse(kafka.bootstrapServers());
    KafkaAccess access =
        new KafkaAccess(
            bootstrap,
            user == null ? "PLAINTEXT" : securityProtocol,
            user == null ? null : KafkaLogin.MECHANISM,
            user,
            password,
            Topics.nodeOut(nodeId),
            Topics.nodeIn(nodeId),
            KafkaGrants.nodeGroup(nodeId));
    SigningKey hubKey = hubKeys.current();
    HubAccess hub = new HubAccess(hubUrl, hubKey.keyId(), hubKey.publicKeyHex());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TBX_NODE_ID", nodeId);
    env.put("TBX_KAFKA_BOOTSTRAP", bootstrap);
    if (user != null) {
      env.put("TBX_KAFKA_USER", user);
      env.put("TBX_KAFKA_PASSWORD", password);
      env.put("TBX_KAFKA_SECURITY_PROTOCOL", securityProtocol);
    }
    env.put("TBX_HUB_URL", hubUrl);
    env.put("TBX_HUB_PUBLIC_KEY", hubKey.publicKeyHex());
    if (token != null) {
      env.put("TBX_HUB_TOKEN", token);
    }
    return new Admission(
        nodeId,
        at,
        access,
        hub,
        rawKey == null ? null : Ed25519Keys.keyId(Ed25519Keys.publicKey(rawKey)),
        token,
        token == null ? null : at.plus(TOKEN_LIFETIME),
        token == null
            ? "the hub has no token-signing key (TBX_TOKEN_SIGNING_KEY): ask the federation's"
                + " token issuer for a node token with subject "
                + nodeId
            : null,
        env);
  }

  private List<AclBinding> acls(String nodeId) {
    if (!authenticated) {
      return List.of();
    }
    List<AclBinding> acls = new ArrayList<>(KafkaGrants.bank(nodeId));
    acls.addAll(KafkaGrants.hubOnBank(nodeId));
    return acls;
  }

  private static void requireNewId(String nodeId) {
    if (nodeId == null || !Topics.NODE_ID.matcher(nodeId).matches()) {
      throw ApiException.invalid(
          "nodeId",
          "INVALID_FIELD",
          "must match "
              + Topics.NODE_ID.pattern()
              + " (lower-case letters, digits and hyphens, 2 to 32)");
    }
    if (Topics.RESERVED_NODE_IDS.contains(nodeId)) {
      throw ApiException.invalid(
          "nodeId", "INVALID_FIELD", nodeId + " is reserved: " + Topics.RESERVED_NODE_IDS);
    }
  }

  private static byte[] publicKey(String hex) {
    if (hex == null) {
      return null;
    }
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw ApiException.invalid(
          "publicKeyHex", "INVALID_FIELD", "must be 64 hex digits (a raw Ed25519 public key)");
    }
    byte[] raw = HexFormat.of().parseHex(hex);
    try {
      Ed25519Keys.publicKey(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("publicKeyHex", "INVALID_FIELD", e.getMessage());
    }
    return raw;
  }

  private Optional<PrivateKey> tokenSigningKey() {
    Optional<Path> file = config.tokenSigningKey();
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TokenKeys.readPrivate(file.get()));
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.of(
          500,
          "CONFIGURATION",
          "TBX_TOKEN_SIGNING_KEY names "
              + file.get()
              + ", which cannot be read as a PKCS#8 PEM private key: "
              + e.getMessage());
    }
  }

  private static String mint(String nodeId, PrivateKey key) {
    return ApiTokens.mint(ApiTokens.Claims.of(Roles.NODE, nodeId, TOKEN_LIFETIME), key);
  }

  private static String jti(String token) {
    String claims =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    Matcher m = JTI.matcher(claims);
    if (!m.find()) {
      throw new IllegalStateException("a minted token has no jti");
    }
    return m.group(1);
  }
}
