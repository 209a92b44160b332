package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;

/**
 * The API document committed in {@code schemas/openapi/} for outside implementers is the one this
 * service serves; {@code -Dtbx.openapi.update=true} writes it anew after an API change.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class ApiDocumentTest {

  static final Path COMMITTED = Path.of("..", "schemas", "openapi", "hub.json");

  @Test
  void theCommittedApiDocumentIsTheServedOne() throws Exception {
    ObjectMapper json =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    String served =
        json.writeValueAsString(
                json.readValue(
                    given().accept("application/json").get("/q/openapi?format=json").asString(),
                    Object.class))
            + "\n";
    if (Boolean.getBoolean("tbx.openapi.update")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, served);
    }
    assertEquals(
        Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "(missing)",
        served,
        COMMITTED
            + " differs from the served API document: after an API change, run this test with"
            + " -Dtbx.openapi.update=true and commit the file");
  }
}
