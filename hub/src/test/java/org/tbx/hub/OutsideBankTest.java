package org.tbx.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.outsider.OutsideBank;
import org.tbx.protocol.auth.Roles;

/**
 * A bank written from the documents alone joins through the admission operation and deposits,
 * redeems and settles with what it was given, reading and checking the hub's signed notices.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class OutsideBankTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path PUBLISHED =
      Path.of("../schemas/src/main/resources/org/tbx/protocol/published/v1");

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void theOutsideBankUsesNoTbxClass() {
    classes()
        .that()
        .resideInAPackage("org.tbx.outsider..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "org.apache.avro..", "org.apache.kafka..", "org.tbx.outsider..")
        .check(
            new ClassFileImporter().importClasses(OutsideBank.class, OutsideBank.Admission.class));
  }

  @Test
  void anAdmittedBankWrittenFromTheProtocolDepositsRedeemsAndSettles() throws Exception {
    KeyPair bankKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair consentKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String nodeId = "outsider-" + UUID.randomUUID().toString().substring(0, 6);
    JsonPath answer =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "nodeId",
                    nodeId,
                    "publicKeyHex",
                    HexFormat.of().formatHex(OutsideBank.rawPublicKey(bankKeys.getPublic()))))
            .post("/api/v1/admissions")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    OutsideBank.Admission admission =
        new OutsideBank.Admission(
            nodeId,
            answer.getString("kafka.bootstrapServers"),
            answer.getString("kafka.securityProtocol"),
            answer.getString("kafka.saslMechanism"),
            answer.getString("kafka.user"),
            answer.getString("kafka.password"),
            answer.getString("kafka.outTopic"),
            answer.getString("kafka.inTopic"),
            answer.getString("kafka.consumerGroup"),
            answer.getString("hub.noticePublicKeyHex"));
    JsonPath rulebook = given().get("/api/v1/rulebooks/current").then().extract().jsonPath();
    int weight = rulebook.getInt("categories.find { it.code == 'MEAL_ASSIST' }.weightPermille");

    String volunteer = "ob-" + UUID.randomUUID().toString().substring(0, 8);
    int born = (int) LocalDate.of(1952, 3, 1).toEpochDay();
    String redemptionId = UUID.randomUUID().toString();
    try (OutsideBank bank = new OutsideBank(admission, bankKeys, PUBLISHED)) {
      GenericRecord deposit =
          bank.serviceRecorded(
              volunteer,
              "MEAL_ASSIST",
              weight,
              rulebook.getInt("roundingStepMinutes"),
              rulebook.getInt("version"),
              62,
              System.currentTimeMillis() - 3 * 3_600_000L);
      bank.publish(bank.enrolled(volunteer, born, consentKeys.getPublic()), deposit);
      bank.awaitNotice(accepted(deposit), WAIT);
      LedgerFlowsTest.awaitBalance(volunteer, 60, 60);

      bank.publish(
          bank.redemptionRequested(redemptionId, volunteer, born, "MEAL_ASSIST", 50, consentKeys));
      GenericRecord authorized =
          bank.awaitNotice(
              n ->
                  n.getSchema().getName().equals("RedemptionAuthorized")
                      && redemptionId.equals(n.get("redemptionId").toString()),
              WAIT);
      assertEquals(50, authorized.get("authorizedMinutes"));
      LedgerFlowsTest.awaitBalance(volunteer, 60, 10);

      GenericRecord settled =
          bank.redemptionSettled(redemptionId, authorized.get("holdId").toString(), 40);
      bank.publish(settled);
      bank.awaitNotice(accepted(settled), WAIT);
      LedgerFlowsTest.awaitBalance(volunteer, 20, 20);
      assertEquals(
          List.of(),
          bank.notices().stream()
              .filter(n -> !n.getSchema().getName().equals("EventAccepted"))
              .filter(n -> !n.getSchema().getName().equals("RedemptionAuthorized"))
              .filter(n -> !n.getSchema().getName().equals("LogCheckpoint"))
              .toList(),
          "nothing rejected or declined");
    }
    given()
        .get("/api/v1/nodes/{n}/stream", nodeId)
        .then()
        .statusCode(200)
        .body("lastSequence", org.hamcrest.Matchers.equalTo(4));
  }

  private static java.util.function.Predicate<GenericRecord> accepted(GenericRecord event) {
    String eventId = event.get("eventId").toString();
    return n ->
        n.getSchema().getName().equals("EventAccepted")
            && eventId.equals(n.get("eventId").toString());
  }
}
