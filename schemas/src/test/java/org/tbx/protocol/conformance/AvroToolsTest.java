package org.tbx.protocol.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.Ed25519Keys;

/**
 * Apache avro-tools ({@code fragtojson}, from Maven Central) reads every vector's raw datums with
 * the published schema the vector's fingerprint names, and finds what the vector's expectation
 * says: the command in conformance/README.md works.
 */
class AvroToolsTest {

  private static final Path VECTORS = Path.of("conformance/vectors");
  private static final Path PUBLISHED = Path.of("src/main/resources/org/tbx/protocol/published/v1");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void fragtojsonReadsEveryVectorWithThePublishedSchema() throws Exception {
    Path jar = Path.of(System.getProperty("tbx.avro-tools.jar", "avro-tools.jar"));
    assertTrue(Files.isRegularFile(jar), "avro-tools is a test dependency; not found at " + jar);
    try (URLClassLoader tools =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Object fragtojson =
          tools
              .loadClass("org.apache.avro.tool.BinaryFragmentToJsonTool")
              .getConstructor()
              .newInstance();
      Method run =
          fragtojson
              .getClass()
              .getMethod(
                  "run",
                  java.io.InputStream.class,
                  PrintStream.class,
                  PrintStream.class,
                  List.class);
      int read = 0;
      for (Vectors.Vector vector : Vectors.build().values()) {
        Path nodeBatch = VECTORS.resolve(vector.name() + ".node-batch.raw");
        if (!Files.exists(nodeBatch)) {
          continue;
        }
        JsonNode expected = json.readTree(VECTORS.resolve(vector.name() + ".json").toFile());
        JsonNode envelope =
            fragtojson(
                run,
                fragtojson,
                published("SignedBatch", vector.value()),
                VECTORS.resolve(vector.name() + ".signed-batch.raw"));
        assertEquals(expected.get("keyId").asText(), envelope.get("keyId").asText(), vector.name());
        byte[] body = envelope.get("body").asText().getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
            expected.get("batchSha256").asText(),
            HexFormat.of().formatHex(Ed25519Keys.sha256(body)),
            vector.name() + ": the envelope's body is the signed body");
        JsonNode decoded = fragtojson(run, fragtojson, published("NodeBatch", body), nodeBatch);
        assertEquals(expected.get("body"), decoded, vector.name());
        read++;
      }
      assertEquals(10, read, "every vector that decodes has its raw datums");
    }
  }

  private JsonNode fragtojson(Method run, Object tool, Path schema, Path datum) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(tool.getClass().getClassLoader()); // Hadoop's file systems
    Object rc;
    try {
      rc =
          run.invoke(
              tool,
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              List.of("--no-pretty", "--schema-file", schema.toString(), datum.toString()));
    } finally {
      thread.setContextClassLoader(own);
    }
    assertEquals(0, rc, datum + ": " + err.toString(StandardCharsets.UTF_8));
    return json.readTree(out.toString(StandardCharsets.UTF_8));
  }

  /** The published revision of the message whose fingerprint the single-object header names. */
  private static Path published(String message, byte[] singleObject) throws Exception {
    for (int revision = 1; Files.isDirectory(PUBLISHED.resolve("" + revision)); revision++) {
      Path file = PUBLISHED.resolve(revision + "/" + message + ".avsc");
      long fingerprint =
          SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(file.toFile()));
      if (fingerprint
          == java.nio.ByteBuffer.wrap(singleObject, 2, 8)
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .getLong()) {
        return file;
      }
    }
    throw new AssertionError("no published " + message + " has the vector's fingerprint");
  }
}
