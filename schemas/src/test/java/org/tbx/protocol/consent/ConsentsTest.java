package org.tbx.protocol.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.VolunteerConsent;

class ConsentsTest {

  private final KeyPair volunteer = Ed25519Keys.generate();

  @Test
  void theSignedMessageIsTheDocumentedText() {
    assertEquals(
        "consent c-1\nvolunteer v-1\nnode beihai\npurpose REDEMPTION\nmax-minutes 60\nexpires 1796083200000\n",
        new String(
            Consents.message("c-1", "v-1", "beihai", "REDEMPTION", 60, 1_796_083_200_000L),
            StandardCharsets.UTF_8));
  }

  @Test
  void aConsentVerifiesWithTheVolunteersKeyOnlyAndNotOnceAltered() {
    VolunteerConsent c = consent();
    assertTrue(Consents.signedBy(c, volunteer.getPublic()));
    assertFalse(Consents.signedBy(c, Ed25519Keys.generate().getPublic()));
    c.setMaxMinutes(6000);
    assertFalse(
        Consents.signedBy(c, volunteer.getPublic()), "a raised ceiling breaks the signature");
    VolunteerConsent otherBank = consent();
    otherBank.setNodeId("guilin");
    assertFalse(Consents.signedBy(otherBank, volunteer.getPublic()));
  }

  @Test
  void theToolMakesAKeyAndSignsAConsentTheLibraryVerifies(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsentTool tool =
        new ConsentTool(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    Path key = dir.resolve("me.key");
    assertEquals(0, tool.run(new String[] {"keygen", key.toString()}));
    assertEquals(2, tool.run(new String[] {"keygen", key.toString()}), "never overwrites");
    out.reset();
    assertEquals(
        0,
        tool.run(
            new String[] {
              "sign",
              "--key",
              key.toString(),
              "--volunteer",
              "v-1",
              "--node",
              "beihai",
              "--purpose",
              "REDEMPTION",
              "--minutes",
              "45"
            }));
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    Properties p = new Properties();
    p.load(Files.newBufferedReader(key));
    VolunteerConsent c =
        new VolunteerConsent(
            json.get("consentId").asText(),
            "v-1",
            "beihai",
            ConsentPurpose.REDEMPTION,
            45,
            Instant.parse(json.get("expiresAt").asText()),
            json.get("keyId").asText(),
            ByteBuffer.wrap(HexFormat.of().parseHex(json.get("signatureHex").asText())));
    assertEquals(Instant.parse("2026-12-01T01:00:00Z"), c.getExpiresAt());
    assertTrue(
        Consents.signedBy(
            c, Ed25519Keys.publicKey(HexFormat.of().parseHex(p.getProperty("publicKeyHex")))));
    assertEquals(2, tool.run(new String[] {"sign", "--key", key.toString(), "--purpose", "LOAN"}));
  }

  private VolunteerConsent consent() {
    return Consents.sign(
        "c-1",
        "v-1",
        "beihai",
        ConsentPurpose.REDEMPTION,
        60,
        Instant.parse("2026-12-01T00:00:00Z"),
        volunteer.getPrivate(),
        volunteer.getPublic());
  }
}
