package org.tbx.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * An OpenID Connect provider for tests, on a free local port: discovery, JWKS, an authorization
 * endpoint that signs in whoever the test names (no login form) and a token endpoint that checks
 * the client's secret, the redirect URI and PKCE before it answers RS256 ID tokens. Enough for the
 * hub's authorization code flow to run against a real HTTP provider.
 */
public final class FakeIdentityProvider {

  /** The client the hub is registered as. */
  public static final String CLIENT_ID = "tbx-hub";

  /** Its secret: 32 characters or more, as quarkus-oidc wants to derive its state key from it. */
  public static final String CLIENT_SECRET = "fake-provider-client-secret-0123456789";

  /** Who the provider signs in next. */
  public record Person(String subject, String name, List<String> groups) {}

  private record Grant(Person person, String nonce, String redirectUri, String challenge) {}

  private static FakeIdentityProvider running;

  private final HttpServer server;
  private final KeyPair keys;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private volatile Person next = new Person("nobody", "Nobody", List.of());

  private FakeIdentityProvider() throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.pick()), 0);
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/jwks", this::jwks);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.start();
  }

  /**
   * @return the provider of this JVM, started on first use
   */
  public static synchronized FakeIdentityProvider get() {
    if (running == null) {
      try {
        running = new FakeIdentityProvider();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return running;
  }

  /**
   * @return the issuer, which is also the base of every endpoint
   */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Signs this person in at the next authorization request. */
  public void signInNext(Person person) {
    this.next = person;
  }

  private void discovery(HttpExchange x) throws IOException {
    String base = issuer();
    answer(
        x,
        200,
        "{\"issuer\":\""
            + base
            + "\",\"authorization_endpoint\":\""
            + base
            + "/authorize\",\"token_endpoint\":\""
            + base
            + "/token\",\"jwks_uri\":\""
            + base
            + "/jwks\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":"
            + "[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
            + "\"code_challenge_methods_supported\":[\"S256\"],"
            + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\","
            + "\"client_secret_post\"]}");
  }

  private void jwks(HttpExchange x) throws IOException {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    answer(
        x,
        200,
        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"fake-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
            + unsigned(key.getModulus())
            + "\",\"e\":\""
            + unsigned(key.getPublicExponent())
            + "\"}]}");
  }

  private void authorize(HttpExchange x) throws IOException {
    Map<String, String> q = form(x.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(q.get("client_id")) || q.get("redirect_uri") == null) {
      answer(x, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(
        code, new Grant(next, q.get("nonce"), q.get("redirect_uri"), q.get("code_challenge")));
    String back =
        q.get("redirect_uri")
            + (q.get("redirect_uri").contains("?") ? "&" : "?")
            + "code="
            + code
            + (q.containsKey("state")
                ? "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8)
                : "");
    x.getResponseHeaders().add("Location", back);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private void token(HttpExchange x) throws IOException {
    Map<String, String> f =
        form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String basic = x.getRequestHeaders().getFirst("Authorization");
    String secret = f.get("client_secret");
    if (basic != null && basic.startsWith("Basic ")) {
      String pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(pair.substring(pair.indexOf(':') + 1), StandardCharsets.UTF_8);
    }
    Grant grant = codes.remove(String.valueOf(f.get("code")));
    if (!CLIENT_SECRET.equals(secret)
        || grant == null
        || !grant.redirectUri().equals(f.get("redirect_uri"))
        || (grant.challenge() != null && !grant.challenge().equals(s256(f.get("code_verifier"))))) {
      answer(x, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    long now = Instant.now().getEpochSecond();
    Person p = grant.person();
    String claims =
        "{\"iss\":\""
            + issuer()
            + "\",\"sub\":\""
            + p.subject()
            + "\",\"aud\":\""
            + CLIENT_ID
            + "\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 300)
            + (grant.nonce() == null ? "" : ",\"nonce\":\"" + grant.nonce() + "\"")
            + ",\"name\":\""
            + p.name()
            + "\",\"groups\":["
            + p.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","))
            + "]}";
    String token = sign(claims);
    answer(
        x,
        200,
        "{\"access_token\":\""
            + token
            + "\",\"id_token\":\""
            + token
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
  }

  private String sign(String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"fake-1\",\"typ\":\"JWT\"}"
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate(), new SecureRandom());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(BigInteger n) {
    byte[] bytes = n.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void answer(HttpExchange x, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  /**
   * @return the hub's settings for this provider
   */
  public Map<String, String> hubSettings() {
    return Map.of(
        "quarkus.oidc.tenant-enabled",
        "true",
        "quarkus.oidc.auth-server-url",
        issuer(),
        "quarkus.oidc.client-id",
        CLIENT_ID,
        "quarkus.oidc.credentials.secret",
        CLIENT_SECRET);
  }

  /**
   * @return the authorization endpoint, for a test that checks where the hub sends people
   */
  public URI authorizationEndpoint() {
    return URI.create(issuer() + "/authorize");
  }
}
