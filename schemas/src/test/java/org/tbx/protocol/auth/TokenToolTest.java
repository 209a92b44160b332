package org.tbx.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenToolTest {

  @TempDir Path dir;

  @Test
  void keygenThenMintGivesASignedTokenWithTheClaimsAsked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TokenTool tool =
        new TokenTool(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, tool.run(new String[] {"keygen", dir.toString()}));
    assertEquals(
        2, tool.run(new String[] {"keygen", dir.toString()}), "keygen never overwrites a key");
    out.reset();
    assertEquals(
        0,
        tool.run(
            new String[] {
              "mint",
              "--key",
              dir.resolve(TokenKeys.SIGNING_KEY).toString(),
              "--role",
              "node",
              "--subject",
              "guilin",
              "--ttl",
              "PT2H"
            }));
    String[] parts = out.toString(StandardCharsets.UTF_8).trim().split("\\.");
    assertEquals(3, parts.length);
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("tbx", claims.get("iss").asText());
    assertEquals("tbx-federation", claims.get("aud").asText());
    assertEquals("guilin", claims.get("sub").asText());
    assertEquals("node", claims.get("groups").get(0).asText());
    assertEquals(7200, claims.get("exp").asLong() - claims.get("iat").asLong());
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(TokenKeys.readPublic(dir.resolve(TokenKeys.VERIFY_KEY)));
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
    assertTrue(
        Files.readString(dir.resolve(TokenKeys.VERIFY_KEY))
            .startsWith("-----BEGIN PUBLIC KEY-----"));
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TokenTool tool =
        new TokenTool(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(
        2,
        tool.run(
            new String[] {
              "mint",
              "--key",
              dir.resolve("missing.pem").toString(),
              "--role",
              "king",
              "--subject",
              "x"
            }));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("role must be one of"),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(
        2,
        tool.run(new String[] {"mint", "--role", "node", "--subject", "Not A Node", "--key", "k"}));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("node id"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSubjectWithQuotesStaysValidJson() throws Exception {
    String token =
        ApiTokens.mint(
            ApiTokens.Claims.of(Roles.ADMIN, "ops \"team\" \\ 1", Duration.ofMinutes(5)),
            TokenKeys.generate().getPrivate());
    JsonNode claims =
        new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertEquals("ops \"team\" \\ 1", claims.get("sub").asText());
  }
}
