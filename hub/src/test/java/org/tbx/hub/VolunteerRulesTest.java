package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationGranted;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;

/**
 * The rulebook's rules that need to know the volunteer: ages, certifications, insurance, the cap,
 * group accounts.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class VolunteerRulesTest {

  @BeforeAll
  static void adminToken() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject DataSource dataSource;

  @Test
  void aMinorEarnsNothingAndAnAdultDoes() {
    String minor = LedgerFlowsTest.volunteer();
    String adult = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("taiyuan")) {
      bank.publish(
          bank.next(enrolled(minor, LocalDate.of(2010, 6, 1), AccountType.INDIVIDUAL)),
          bank.next(enrolled(adult, LocalDate.of(1960, 6, 1), AccountType.INDIVIDUAL)));
      NodeEvent tooYoung = bank.deposit(minor, 60);
      bank.publish(tooYoung, bank.deposit(adult, 60));
      LedgerFlowsTest.awaitBalance(adult, 60, 60);
      LedgerFlowsTest.awaitQuarantined(tooYoung.getEventId(), "AGE_LIMIT");
    }
  }

  @Test
  void bathingAssistanceNeedsACertificationAndInsurance() {
    String v = LedgerFlowsTest.volunteer();
    try (NodeTraffic bank = new NodeTraffic("jinan")) {
      NodeEvent uncertified = bank.next(bathing(v));
      bank.publish(uncertified);
      LedgerFlowsTest.awaitQuarantined(uncertified.getEventId(), "CERTIFICATION_REQUIRED");
      bank.publish(bank.next(new CertificationGranted(v, "CARE_BASIC", "red-cross", null)));
      NodeEvent uninsured = bank.next(bathing(v));
      bank.publish(uninsured);
      LedgerFlowsTest.awaitQuarantined(uninsured.getEventId(), "INSURANCE_REQUIRED");
      bank.publish(
          bank.next(
              new InsuranceRegistered(
                  v, "P-1", "PICC", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))),
          bank.next(bathing(v)));
      LedgerFlowsTest.awaitBalance(v, 90, 90);
    }
  }

  @Test
  void creditsAboveTheLifetimeCapOverflowToThePool() throws Exception {
    String v = LedgerFlowsTest.volunteer();
    long poolBefore =
        number("select coalesce(sum(credits_posted), 0) from account where id = 'pool:national'");
    try (NodeTraffic bank = new NodeTraffic("harbin")) {
      NodeEvent[] days = new NodeEvent[63];
      for (int i = 0; i < days.length; i++) {
        days[i] = bank.deposit(v, 1440);
      }
      bank.publish(days);
      LedgerFlowsTest.awaitBalance(v, 90_000, 90_000);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertEquals(
                      poolBefore + 63 * 1440 - 90_000,
                      number(
                          "select coalesce(sum(credits_posted), 0) from account where id = 'pool:national'")));
    }
  }

  @Test
  void aGroupAccountMayOnlyDonate() {
    Person person = new Person();
    String group = person.id;
    try (NodeTraffic bank = new NodeTraffic("hohhot")) {
      NodeEvent enrolment = bank.enrolHome(person);
      ((VolunteerEnrolled) enrolment.getPayload()).setAccountType(AccountType.GROUP);
      bank.publish(enrolment, bank.deposit(group, 120));
      LedgerFlowsTest.awaitBalance(group, 120, 120);
      String r = UUID.randomUUID().toString();
      NodeEvent redeem = bank.next(LedgerFlowsTest.request(r, group, 30));
      NodeEvent gift =
          bank.next(new HoursGifted(group, LedgerFlowsTest.volunteer(), Relation.PARENT, 30, null));
      bank.publish(redeem, gift, bank.donate(person, "hohhot-pool", 50));
      LedgerFlowsTest.awaitBalance(group, 70, 70);
      LedgerFlowsTest.awaitQuarantined(redeem.getEventId(), "GROUP_ACCOUNT_DONATION_ONLY");
      LedgerFlowsTest.awaitQuarantined(gift.getEventId(), "GROUP_ACCOUNT_DONATION_ONLY");
    }
  }

  @Test
  void aVolunteerMovesHomeOnceTheOldBankStaysAVisitorAndTheNewHomeMayVerifyAgain() {
    String v = LedgerFlowsTest.volunteer();
    try (NodeTraffic from = new NodeTraffic("guilin");
        NodeTraffic to = new NodeTraffic("beihai")) {
      from.publish(
          from.next(enrolled(v, LocalDate.of(1958, 2, 2), AccountType.INDIVIDUAL)),
          from.deposit(v, 30));
      LedgerFlowsTest.awaitBalance(v, 30, 30);
      NodeEvent byTheNewBank = to.next(new VolunteerRelocated(v, from.nodeId, to.nodeId));
      to.publish(byTheNewBank);
      LedgerFlowsTest.awaitQuarantined(byTheNewBank.getEventId(), "NODE_MISMATCH");
      NodeEvent toNowhere = from.next(new VolunteerRelocated(v, from.nodeId, "nowhere-bank"));
      NodeEvent moved = from.next(new VolunteerRelocated(v, from.nodeId, to.nodeId));
      from.publish(toNowhere, moved);
      LedgerFlowsTest.awaitQuarantined(toNowhere.getEventId(), "INVALID_FIELD");
      NodeEvent verifiedAgain =
          to.next(enrolled(v, LocalDate.of(1958, 2, 2), AccountType.INDIVIDUAL));
      to.publish(verifiedAgain, to.deposit(v, 15));
      LedgerFlowsTest.awaitBalance(v, 45, 45);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertEquals(
                    1,
                    number(
                        "select count(*) from volunteer where volunteer_id = '"
                            + v
                            + "' and home_node_id = '"
                            + to.nodeId
                            + "'"));
                assertEquals(
                    1,
                    number(
                        "select count(*) from volunteer_enrollment where volunteer_id = '"
                            + v
                            + "' and node_id = '"
                            + to.nodeId
                            + "' and role = 'HOME'"));
                assertEquals(
                    1,
                    number(
                        "select count(*) from volunteer_enrollment where volunteer_id = '"
                            + v
                            + "' and node_id = '"
                            + from.nodeId
                            + "' and role = 'VISIT'"));
              });
      given()
          .get("/api/v1/quarantine?nodeId={n}", to.nodeId)
          .then()
          .body("items.eventId", Matchers.not(Matchers.hasItem(verifiedAgain.getEventId())));
    }
  }

  private static VolunteerEnrolled enrolled(String v, LocalDate born, AccountType type) {
    return new VolunteerEnrolled(v, born, type, null, null, null);
  }

  private static ServiceRecorded bathing(String v) {
    return new ServiceRecorded(
        v,
        "BATHING_ASSIST",
        "elder-3",
        NodeTraffic.SERVED_AT,
        60,
        90,
        1,
        new Evidence(
            ConfirmationMethod.RECIPIENT_CONFIRMED, "org-1", List.of("elder-3"), null, null));
  }

  private long number(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
