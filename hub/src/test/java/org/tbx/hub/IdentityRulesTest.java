package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

/**
 * The hub never takes a national ID number for a volunteer id or a recipient, and checks a
 * keyed-hash volunteer id's check character without knowing the federation key.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class IdentityRulesTest {

  private static final String NATIONAL_ID = "11010519491231002X";

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  @Test
  void idNumbersAreRefusedAndKeyedHashesAreChecked() {
    String keyed =
        VolunteerIds.derive(
            "a key only the banks hold, 32 bytes!".getBytes(StandardCharsets.US_ASCII),
            NATIONAL_ID + "");
    String typo =
        keyed.substring(0, keyed.length() - 2)
            + (keyed.charAt(keyed.length() - 2) == 'a' ? 'b' : 'a')
            + keyed.charAt(keyed.length() - 1);
    try (NodeTraffic bank = new NodeTraffic("privacy")) {
      NodeEvent idAsVolunteer = deposit(bank, NATIONAL_ID, "elder-1");
      NodeEvent idAsRecipient = deposit(bank, "v-" + UUID.randomUUID(), "elder-" + NATIONAL_ID);
      NodeEvent mistyped = deposit(bank, typo, "elder-1");
      NodeEvent good = deposit(bank, keyed, "elder-1");
      bank.publish(idAsVolunteer, idAsRecipient, mistyped, good);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .get("/api/v1/volunteers/{v}/balance", keyed)
                      .then()
                      .statusCode(200)
                      .body("balanceMinutes", equalTo(30)));
      for (var refused : List.of(idAsVolunteer, idAsRecipient, mistyped)) {
        given()
            .get("/api/v1/quarantine?nodeId={n}&size=500", bank.nodeId)
            .then()
            .statusCode(200)
            .body(
                "items.find { it.eventId == '" + refused.getEventId() + "' }.reasonCode",
                equalTo("INVALID_FIELD"));
      }
      given()
          .get("/api/v1/quarantine?nodeId={n}&size=500", bank.nodeId)
          .then()
          .body(
              "items.find { it.eventId == '" + idAsVolunteer.getEventId() + "' }.detail",
              containsString("national ID"))
          .body(
              "items.find { it.eventId == '" + mistyped.getEventId() + "' }.detail",
              containsString("check character"));
    }
  }

  private static NodeEvent deposit(NodeTraffic bank, String volunteerId, String recipientRef) {
    return bank.next(
        new ServiceRecorded(
            volunteerId,
            "MEAL_ASSIST",
            recipientRef,
            NodeTraffic.SERVED_AT,
            30,
            30,
            1,
            new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "org-1", List.of(), null, null)));
  }
}
