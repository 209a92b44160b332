package org.tbx.protocol.compat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.SchemaStore;
import org.tbx.protocol.v1.NodeBatch;

/**
 * The build fails when a schema change is not FULL_TRANSITIVE compatible with every published
 * revision (old readers read new data and new readers read old data, for every revision), or is not
 * published.
 */
class SchemaCompatibilityTest {

  private static final SchemaValidator FULL_TRANSITIVE =
      new SchemaValidatorBuilder().mutualReadStrategy().validateAll();

  @Test
  void everyTopLevelMessageIsFullyCompatibleWithEveryPublishedRevision()
      throws SchemaValidationException {
    for (Schema current : PublishSchemas.TOP_LEVEL) {
      List<Schema> published =
          SchemaStore.of(current.getName()).stream().map(SchemaStore.Published::schema).toList();
      assertFalse(published.isEmpty(), current.getName() + " has never been published");
      FULL_TRANSITIVE.validate(current, published);
    }
  }

  @Test
  void theCurrentSchemasArePublishedSoEveryFingerprintResolves() {
    for (Schema current : PublishSchemas.TOP_LEVEL) {
      long fingerprint = SchemaNormalization.parsingFingerprint64(current);
      assertTrue(
          SchemaStore.of(current.getName()).stream().anyMatch(p -> p.fingerprint() == fingerprint),
          current.getName()
              + " changed since its last published revision: publish it with"
              + " PublishSchemas <next revision> (see PROTOCOL.md, Versioning)");
    }
  }

  @Test
  void theCheckerRefusesAFieldAddedWithoutADefault() {
    Schema changed =
        withExtraField(NodeBatch.getClassSchema(), "{\"name\":\"region\",\"type\":\"string\"}");
    assertThrows(
        SchemaValidationException.class,
        () -> FULL_TRANSITIVE.validate(changed, published("NodeBatch")));
  }

  @Test
  void theCheckerRefusesAChangedFieldType() {
    String json =
        NodeBatch.getClassSchema()
            .toString()
            .replace(
                "{\"name\":\"firstSequence\",\"type\":\"long\"",
                "{\"name\":\"firstSequence\",\"type\":\"string\"");
    Schema changed = new Schema.Parser().parse(json);
    assertThrows(
        SchemaValidationException.class,
        () -> FULL_TRANSITIVE.validate(changed, published("NodeBatch")));
  }

  @Test
  void theCheckerAcceptsAnOptionalFieldWithADefault() {
    Schema changed =
        withExtraField(
            NodeBatch.getClassSchema(),
            "{\"name\":\"region\",\"type\":[\"null\",\"string\"],\"default\":null}");
    assertDoesNotThrow(() -> FULL_TRANSITIVE.validate(changed, published("NodeBatch")));
  }

  private static List<Schema> published(String message) {
    return SchemaStore.of(message).stream().map(SchemaStore.Published::schema).toList();
  }

  private static Schema withExtraField(Schema schema, String fieldJson) {
    String json = schema.toString();
    int fields = json.indexOf("\"fields\":[") + "\"fields\":[".length();
    return new Schema.Parser()
        .parse(json.substring(0, fields) + fieldJson + "," + json.substring(fields));
  }
}
