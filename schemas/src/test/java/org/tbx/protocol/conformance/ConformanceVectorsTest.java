package org.tbx.protocol.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Fixtures;
import org.tbx.protocol.Resources;
import org.tbx.protocol.v1.ReasonCode;

/**
 * The committed golden vectors are what the code produces, decode with Avro's own library, and get
 * their verdicts.
 */
class ConformanceVectorsTest {

  private static final Path DIR = Path.of("conformance/vectors");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void committedVectorsAreExactlyWhatTheProtocolProduces() throws Exception {
    for (Vectors.Vector vector : Vectors.build().values()) {
      assertArrayEquals(
          vector.value(),
          Files.readAllBytes(DIR.resolve(vector.name() + ".bin")),
          vector.name()
              + ".bin differs: regenerate the kit with Vectors.main (see conformance/README.md)");
      assertEquals(
          json.readTree(Vectors.expectation(vector)),
          json.readTree(DIR.resolve(vector.name() + ".json").toFile()),
          vector.name() + ".json differs");
      for (Map.Entry<String, byte[]> raw : Vectors.rawBodies(vector).entrySet()) {
        assertArrayEquals(
            raw.getValue(),
            Files.readAllBytes(DIR.resolve(raw.getKey())),
            raw.getKey() + " differs");
      }
    }
  }

  @Test
  void everyVectorGetsItsExpectedVerdictAndReason() throws Exception {
    JsonNode key = json.readTree(DIR.resolveSibling("test-key.json").toFile());
    var publicKey =
        Ed25519Keys.publicKey(HexFormat.of().parseHex(key.get("publicKeyHex").asText()));
    StreamChecker checker =
        new StreamChecker(key.get("nodeId").asText(), Map.of(key.get("keyId").asText(), publicKey));
    List<Path> files = Files.list(DIR).filter(p -> p.toString().endsWith(".bin")).sorted().toList();
    assertEquals(Vectors.build().size(), files.size());
    for (Path bin : files) {
      JsonNode expected = json.readTree(Path.of(bin.toString().replace(".bin", ".json")).toFile());
      StreamChecker.Result result = checker.check(Files.readAllBytes(bin));
      assertEquals(
          expected.get("verdict").asText(), result.verdict(), bin + ": " + result.detail());
      if (!expected.get("reason").isNull()) {
        assertEquals(
            ReasonCode.valueOf(expected.get("reason").asText()),
            result.reason(),
            bin + ": " + result.detail());
      }
    }
    assertEquals(6, checker.lastSequence());
  }

  @Test
  void bodiesDecodeWithAvrosGenericReaderFromThePublishedSchemaAlone() throws Exception {
    Schema published =
        new Schema.Parser().parse(Resources.open("org/tbx/protocol/published/v1/2/NodeBatch.avsc"));
    Schema signed =
        new Schema.Parser()
            .parse(Resources.open("org/tbx/protocol/published/v1/2/SignedBatch.avsc"));
    byte[] value = Files.readAllBytes(DIR.resolve("02-second-batch.bin"));
    JsonNode envelope = json.readTree(Vectors.avroJson(signed, value));
    byte[] body = envelope.get("body").asText().getBytes(StandardCharsets.ISO_8859_1);
    JsonNode decoded = json.readTree(Vectors.avroJson(published, body));
    JsonNode expected = json.readTree(DIR.resolve("02-second-batch.json").toFile()).get("body");
    assertEquals(expected, decoded);
    assertEquals(3, decoded.get("events").size());
    assertEquals(Fixtures.NODE, decoded.get("nodeId").asText());
  }

  @Test
  void theSuiteAcceptsAConformingStreamAndRefusesABrokenOne() throws Exception {
    JsonNode key = json.readTree(DIR.resolveSibling("test-key.json").toFile());
    Path good = Files.createTempDirectory("conforming");
    Files.copy(DIR.resolve("01-first-batch.bin"), good.resolve("1.bin"));
    Files.copy(DIR.resolve("02-second-batch.bin"), good.resolve("2.bin"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(
        ConformanceSuite.run(
            Fixtures.NODE, key.get("publicKeyHex").asText(), good, new PrintStream(out)));
    assertTrue(out.toString().contains("CONFORMS"), out.toString());

    Files.copy(DIR.resolve("07-sequence-gap.bin"), good.resolve("3.bin"));
    out.reset();
    assertEquals(
        false,
        ConformanceSuite.run(
            Fixtures.NODE, key.get("publicKeyHex").asText(), good, new PrintStream(out)));
    assertTrue(out.toString().contains("SEQUENCE_GAP"), out.toString());
  }
}
