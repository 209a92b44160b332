package org.tbx.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Every published version of the protocol's top-level messages, read from the {@code schemas}
 * artifact, so a decoder resolves any version a bank may still send by its fingerprint, with no
 * registry server.
 */
public final class SchemaStore {

  /**
   * Where published schemas live on the classpath; {@code index.txt} lists them, one path per line.
   */
  public static final String PUBLISHED = "org/tbx/protocol/published/";

  /**
   * A published schema of one message.
   *
   * @param message the record's simple name, e.g. {@code SignedBatch}
   * @param revision the protocol revision that published it, 1, 2, ...
   */
  public record Published(String message, int revision, Schema schema) {
    /**
     * @return the CRC-64-AVRO fingerprint single-object encoding carries
     */
    public long fingerprint() {
      return SchemaNormalization.parsingFingerprint64(schema);
    }
  }

  private static final List<Published> ALL = load();

  private SchemaStore() {}

  /**
   * @return every published schema, oldest revision first
   */
  public static List<Published> all() {
    return ALL;
  }

  /**
   * @return the published schemas of one message, oldest revision first
   */
  public static List<Published> of(String message) {
    return ALL.stream().filter(p -> p.message().equals(message)).toList();
  }

  /**
   * A decoder for a generated message class that also reads every published version of it.
   *
   * @param type the generated class, e.g. {@code SignedBatch.class}
   */
  public static <T extends SpecificRecordBase> BinaryMessageDecoder<T> decoder(
      Class<T> type, Schema current) {
    BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model(type), current);
    for (Published p : of(type.getSimpleName())) {
      decoder.addSchema(p.schema());
    }
    return decoder;
  }

  /**
   * The generated classes' model (with their logical-type conversions), but resolving classes
   * through the loader that loaded them rather than the thread's context loader, which differs on
   * threads a framework created.
   */
  public static SpecificData model(Class<? extends SpecificRecordBase> type) {
    SpecificData model = new SpecificData(type.getClassLoader());
    try {
      SpecificRecordBase instance = type.getDeclaredConstructor().newInstance();
      instance.getSpecificData().getConversions().forEach(model::addLogicalTypeConversion);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " is not a generated Avro record", e);
    }
    return model;
  }

  private static List<Published> load() {
    List<Published> out = new ArrayList<>();
    for (String path : Resources.lines(PUBLISHED + "index.txt")) {
      String[] parts = path.split("/");
      if (parts.length != 3 || !parts[2].endsWith(".avsc")) {
        throw new IllegalStateException(
            "published index entry must be v<major>/<revision>/<Message>.avsc: " + path);
      }
      int revision = Integer.parseInt(parts[1]);
      try (InputStream in = Resources.open(PUBLISHED + path)) {
        Schema schema = new Schema.Parser().parse(in);
        out.add(new Published(parts[2].substring(0, parts[2].length() - 5), revision, schema));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read published schema " + path, e);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
