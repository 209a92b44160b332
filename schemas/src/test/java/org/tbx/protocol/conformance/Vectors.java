package org.tbx.protocol.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Fixtures;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;

/**
 * The golden vectors of the conformance kit: one stream of record values a bank's topic might
 * carry, in order, with the verdict a conforming reader must reach for each. {@link #main} writes
 * them to {@code schemas/conformance/vectors}; {@code ConformanceVectorsTest} checks the committed
 * files.
 */
public final class Vectors {

  static final KeyPair KEYS = Fixtures.keys(42);
  static final KeyPair STRANGER = Fixtures.keys(43);
  static final String KEY_ID = Ed25519Keys.keyId(KEYS.getPublic());

  private Vectors() {}

  /**
   * One vector.
   *
   * @param value the record value
   * @param verdict NEXT, REPLAY or REJECT
   * @param reason the reason code of a REJECT
   */
  record Vector(String name, String description, byte[] value, String verdict, String reason) {}

  /**
   * @return the vectors in stream order
   */
  static Map<String, Vector> build() {
    Map<String, Vector> v = new LinkedHashMap<>();
    BatchCodec.Sealed first =
        seal(
            Fixtures.batch(
                BatchCodec.GENESIS_HASH,
                Fixtures.enrolled(1, "v-0001"),
                Fixtures.deposit(2, "v-0001", 90)));
    add(
        v,
        "01-first-batch",
        "The bank's first batch: previousBatchHash is 32 zero bytes, sequences 1..2.",
        first.value(),
        "NEXT",
        null);
    BatchCodec.Sealed second =
        seal(
            Fixtures.batch(
                first.batchHash(),
                Fixtures.deposit(3, "v-0002", 45),
                Fixtures.redemption(4, "v-0001", 60),
                Fixtures.gift(5, "v-0001", "v-0003", 30)));
    add(
        v,
        "02-second-batch",
        "Chained to 01 by its hash, sequences 3..5: a deposit, a redemption request and a gift.",
        second.value(),
        "NEXT",
        null);
    add(
        v,
        "03-replay-of-first",
        "01 delivered again: harmless, nothing to apply.",
        first.value(),
        "REPLAY",
        null);

    NodeBatch next = Fixtures.batch(second.batchHash(), Fixtures.deposit(6, "v-0004", 30));
    byte[] badSignature = seal(next).value();
    badSignature[badSignature.length - 1] ^= 0x01;
    add(
        v,
        "04-bad-signature",
        "The next batch with one bit of its signature flipped.",
        badSignature,
        "REJECT",
        "BAD_SIGNATURE");
    add(
        v,
        "05-unknown-key",
        "The next batch signed by a key the bank never registered.",
        BatchCodec.seal(next, STRANGER.getPrivate(), Ed25519Keys.keyId(STRANGER.getPublic()))
            .value(),
        "REJECT",
        "UNKNOWN_KEY");
    add(
        v,
        "06-broken-chain",
        "Sequence 6 as expected but previousBatchHash is 01's hash, not 02's.",
        seal(Fixtures.batch(first.batchHash(), Fixtures.deposit(6, "v-0004", 30))).value(),
        "REJECT",
        "CHAIN_BROKEN");
    add(
        v,
        "07-sequence-gap",
        "Starts at sequence 8: sequences 6 and 7 are missing.",
        seal(Fixtures.batch(second.batchHash(), Fixtures.deposit(8, "v-0004", 30))).value(),
        "REJECT",
        "SEQUENCE_GAP");
    add(
        v,
        "08-sequence-mismatch",
        "firstSequence 6 but the events carry 6 and 8.",
        seal(Fixtures.batch(
                second.batchHash(),
                Fixtures.deposit(6, "v-0004", 30),
                Fixtures.deposit(8, "v-0004", 30)))
            .value(),
        "REJECT",
        "SEQUENCE_MISMATCH");
    byte[] foreign = seal(next).value();
    foreign[2] ^= 0x5A;
    add(
        v,
        "09-unknown-fingerprint",
        "The single-object marker names a schema fingerprint no published version has.",
        foreign,
        "REJECT",
        "UNKNOWN_SCHEMA");
    byte[] whole = seal(next).value();
    add(
        v,
        "10-truncated",
        "The next batch cut short by 40 bytes.",
        Arrays.copyOf(whole, whole.length - 40),
        "REJECT",
        "UNDECODABLE");
    add(
        v,
        "11-not-avro",
        "JSON where a signed batch belongs.",
        "{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
        "REJECT",
        "UNKNOWN_SCHEMA");
    NodeEvent impostor =
        NodeEvent.newBuilder(Fixtures.deposit(6, "v-0004", 30)).setNodeId("beihai").build();
    add(
        v,
        "12-event-of-another-node",
        "An event inside the batch claims node beihai.",
        seal(Fixtures.batch(second.batchHash(), impostor)).value(),
        "REJECT",
        "NODE_MISMATCH");
    add(
        v,
        "13-next-batch",
        "The real next batch, sequence 6: the stream goes on after the rejections.",
        seal(next).value(),
        "NEXT",
        null);
    return v;
  }

  private static BatchCodec.Sealed seal(NodeBatch batch) {
    return BatchCodec.seal(batch, KEYS.getPrivate(), KEY_ID);
  }

  private static void add(
      Map<String, Vector> v,
      String name,
      String description,
      byte[] value,
      String verdict,
      String reason) {
    v.put(name, new Vector(name, description, value, verdict, reason));
  }

  /**
   * @return the vector's expectation file: verdict, reason, hashes, and the decoded body as Avro
   *     JSON
   */
  static String expectation(Vector vector) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put("description", vector.description());
    out.put("nodeId", Fixtures.NODE);
    out.put("verdict", vector.verdict());
    out.put("reason", vector.reason());
    out.put("recordSha256", HexFormat.of().formatHex(Ed25519Keys.sha256(vector.value())));
    try {
      BatchCodec.Opened opened = BatchCodec.open(vector.value());
      out.put("keyId", opened.signed().getKeyId());
      out.put("batchSha256", HexFormat.of().formatHex(opened.batchHash()));
      out.put(
          "previousBatchHashHex",
          HexFormat.of().formatHex(opened.batch().getPreviousBatchHash().bytes()));
      out.put("signatureValid", opened.signedBy(KEYS.getPublic()));
      out.set("body", json.readTree(avroJson(NodeBatch.getClassSchema(), opened.body())));
    } catch (ProtocolException e) {
      out.putNull("body");
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
  }

  /**
   * The vector's Avro datums without their 10-byte single-object header, for tools that read a bare
   * datum with a schema ({@code avro-tools fragtojson}): {@code <name>.signed-batch.raw} (the
   * record value) and {@code <name>.node-batch.raw} (its body), for every vector that decodes.
   */
  static Map<String, byte[]> rawBodies(Vector vector) {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    try {
      BatchCodec.Opened opened = BatchCodec.open(vector.value());
      raw.put(vector.name() + ".signed-batch.raw", withoutHeader(vector.value()));
      raw.put(vector.name() + ".node-batch.raw", withoutHeader(opened.body()));
    } catch (ProtocolException e) {
      // nothing decodes: no datum to give
    }
    return raw;
  }

  private static byte[] withoutHeader(byte[] singleObject) {
    return Arrays.copyOfRange(singleObject, 10, singleObject.length);
  }

  /**
   * Decodes single-object bytes with Avro's generic reader (no generated code) and writes Avro's
   * JSON encoding.
   */
  static String avroJson(Schema schema, byte[] singleObject) throws IOException {
    byte[] body = Arrays.copyOfRange(singleObject, 10, singleObject.length);
    Object datum =
        new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(body, null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, bytes);
    new GenericDatumWriter<>(schema).write(datum, encoder);
    encoder.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes the kit: the test key, each vector's bytes and expectation. Run from the schemas folder.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "conformance/vectors"));
    for (Vector vector : build().values()) {
      Files.write(dir.resolve(vector.name() + ".bin"), vector.value());
      Files.writeString(dir.resolve(vector.name() + ".json"), expectation(vector));
      for (Map.Entry<String, byte[]> raw : rawBodies(vector).entrySet()) {
        Files.write(dir.resolve(raw.getKey()), raw.getValue());
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode key = json.createObjectNode();
    key.put("warning", "TEST KEY, published on purpose: never use it for a real bank");
    key.put("nodeId", Fixtures.NODE);
    key.put("keyId", KEY_ID);
    key.put("publicKeyHex", HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(KEYS.getPublic())));
    key.put("privateKeyPkcs8Hex", HexFormat.of().formatHex(KEYS.getPrivate().getEncoded()));
    Files.writeString(
        dir.resolveSibling("test-key.json"),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(key) + "\n");
    System.out.println("wrote " + build().size() + " vectors to " + dir);
  }
}
