package org.tbx.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tbx.hub.statistics.SettlementSnapshot;
import org.tbx.infra.FakeIdentityProvider;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.v1.RedemptionSettled;

/**
 * The pages people use, in a real Chromium against the real broker and database: the public
 * statistics page without sign-in, the regulator's console after signing in with a token, and a
 * volunteer's portal reached through the one-time link their bank asked for; in English and
 * Chinese, at phone and desktop size, checked by axe-core and with the keyboard alone.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserTest {

  /**
   * The README's screenshots are made here: into {@code docs/screenshots} with {@code
   * -Dtbx.screenshots.update=true}, else into {@code target/screenshots}.
   */
  static final Path SCREENSHOTS =
      Boolean.getBoolean("tbx.screenshots.update")
          ? Path.of("..", "docs", "screenshots")
          : Path.of("target", "screenshots");

  @TestHTTPResource("/")
  URL base;

  @Inject SettlementSnapshot settlement;

  static Browser browser;
  static NodeTraffic guilin;
  static NodeTraffic beihai;
  static NodeTraffic beijing;
  static NodeTraffic tianjin;
  static Person traveller;

  @BeforeAll
  static void operator() {
    TestAuth.as(Roles.ADMIN, "test-operator");
  }

  /**
   * Four banks in three provinces, fourteen people, one of them spending Guilin's hours in Beihai.
   */
  static void federation() {
    if (guilin != null) {
      return;
    }
    guilin = new NodeTraffic("guilin");
    beihai = new NodeTraffic("beihai");
    beijing = new NodeTraffic("beijing");
    tianjin = new NodeTraffic("tianjin");
    profile(guilin, "桂林时间银行", "Guilin Time Bank", "450300");
    profile(beihai, "北海时间银行", "Beihai Time Bank", "450500");
    profile(beijing, "北京时间银行", "Beijing Time Bank", "110100");
    profile(tianjin, "天津时间银行", "Tianjin Time Bank", "120100");
    traveller = new Person();
    List<org.tbx.protocol.v1.NodeEvent> events = new ArrayList<>();
    events.add(guilin.enrolHome(traveller));
    events.add(guilin.deposit(traveller.id, 600));
    for (int i = 0; i < 9; i++) {
      Person p = new Person();
      events.add(guilin.enrolHome(p));
      events.add(guilin.deposit(p.id, 60));
    }
    guilin.publish(events.toArray(org.tbx.protocol.v1.NodeEvent[]::new));
    Person one = new Person();
    beijing.publish(beijing.enrolHome(one), beijing.deposit(one.id, 30));
    Person two = new Person();
    Person three = new Person();
    tianjin.publish(
        tianjin.enrolHome(two),
        tianjin.deposit(two.id, 30),
        tianjin.enrolHome(three),
        tianjin.deposit(three.id, 30));
    LedgerFlowsTest.awaitBalance(traveller.id, 600, 600);
    LedgerFlowsTest.awaitBalance(three.id, 30, 30);
    LedgerFlowsTest.awaitBalance(one.id, 30, 30);
    // The traveller moved to Beihai and spends Guilin's hours there.
    String redemption = UUID.randomUUID().toString();
    beihai.publish(beihai.enrolVisit(traveller), beihai.redeem(traveller, redemption, 120));
    String hold = LedgerFlowsTest.awaitRedemption(redemption, "AUTHORIZED", "PENDING");
    beihai.publish(beihai.next(new RedemptionSettled(redemption, hold, 120)));
    LedgerFlowsTest.awaitRedemption(redemption, "SETTLED", "POSTED");
    String second = UUID.randomUUID().toString();
    beihai.publish(beihai.redeem(traveller, second, 60));
    LedgerFlowsTest.awaitRedemption(second, "AUTHORIZED", "PENDING");
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    for (NodeTraffic t : new NodeTraffic[] {guilin, beihai, beijing, tianjin}) {
      if (t != null) {
        t.close();
      }
    }
  }

  Browser browser() {
    federation();
    if (browser == null) {
      browser = new Browser(base.toString().replaceAll("/$", ""));
    }
    return browser;
  }

  static void profile(NodeTraffic bank, String zh, String en, String region) {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "nameZh",
                zh,
                "nameEn",
                en,
                "regionCode",
                region,
                "address",
                en + " service centre, 1 Main Road",
                "phone",
                "0773-1234567",
                "hours",
                "Mon-Fri 9:00-17:00",
                "categories",
                List.of("MEAL_ASSIST")))
        .put("/api/v1/banks/{id}", bank.nodeId)
        .then()
        .statusCode(200);
  }

  static String hours(long minutes) {
    return String.format(
        Locale.ENGLISH,
        "%,.1f",
        BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_EVEN));
  }

  @Test
  @Order(1)
  void thePublicPageShowsTheFederationWithoutSignInAndHidesSmallNumbers() throws Exception {
    settlement.refreshNow();
    Browser b = browser();
    b.driver.manage().deleteAllCookies();
    b.open("/?lang=en");
    long registered =
        given()
            .get("/api/v1/banks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$")
            .size();
    assertTrue(registered >= 4, "the directory lists the four banks");
    // Once on CI the first load showed no Guangxi row (the failure message now carries the page);
    // reload for a few seconds before judging, the assertion itself is unchanged.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              b.open("/?lang=en");
              rowOf(b, "#provinces", "450000");
            });
    String guangxi = rowOf(b, "#provinces", "450000");
    assertTrue(guangxi.contains("Guangxi"), guangxi);
    assertTrue(
        !guangxi.contains("<10") && guangxi.matches(".* 1[0-9] .*"),
        "Guangxi's ten or more people are shown: " + guangxi);
    assertTrue(rowOf(b, "#provinces", "110000").contains("<10"), "Beijing's one person is hidden");
    assertTrue(rowOf(b, "#provinces", "120000").contains("<10"), "Tianjin's two are hidden");
    assertTrue(b.text("#small-cells").contains("fewer than 10"));
    b.screenshot(SCREENSHOTS.resolve("public-desktop.png"));
    for (var size : List.of(Browser.PHONE, Browser.DESKTOP)) {
      b.size(size);
      b.open("/");
      b.assertAccessible("/");
    }
    b.assertKeyboardReachesEveryControl("/");
    b.size(Browser.PHONE);
    b.screenshot(SCREENSHOTS.resolve("public-phone.png"));
    b.size(Browser.DESKTOP);
    String csv =
        given().get("/stats/provinces.csv?period=30d").then().statusCode(200).extract().asString();
    assertTrue(csv.contains("110000,Beijing,1,<10,<10,<10,<10"), csv);
    // By service category and elders by age: every category of the rulebook has its row, each
    // age band too, and the category table downloads as CSV.
    b.open("/?lang=en");
    assertTrue(b.text("#categories").contains("Meal assistance"), b.text("#categories"));
    assertTrue(b.text("#age-bands").contains("70 to 79"), b.text("#age-bands"));
    String categories =
        given().get("/stats/categories.csv?period=30d").then().statusCode(200).extract().asString();
    assertTrue(
        categories.contains(
            "code,Service category,Deposited (h),Services recorded,Redeemed (h),Redemptions"),
        categories);
    assertTrue(categories.contains("MEAL_ASSIST,Meal assistance,"), categories);
  }

  @Test
  @Order(2)
  void theRegulatorSignsInAndTheConsoleShowsWhatTheLedgerApiSays() throws Exception {
    Browser b = browser();
    b.driver.manage().deleteAllCookies();
    b.open("/console");
    assertEquals("Please sign in to see this page.", b.text("#error-message"));
    b.open("/sign-in");
    b.driver
        .findElement(By.id("token"))
        .sendKeys(TestTokens.token(Roles.REGULATOR, "test-regulator"));
    b.clickAndWait(By.id("sign-in-submit"), "/console");
    Cookie session = b.driver.manage().getCookieNamed("tbx_session");
    assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
    assertEquals("Strict", session.getSameSite());

    settlement.refreshNow();
    b.open("/console");
    JsonPath report =
        given()
            .get("/api/v1/settlement?from=1970-01-01T00:00:00Z")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    for (NodeTraffic bank : List.of(guilin, beihai)) {
      String row = "#bank-table tr[data-bank='" + bank.nodeId + "'] ";
      Map<String, Object> position =
          report.getMap("positions.find { it.nodeId == '" + bank.nodeId + "' }");
      assertEquals(
          hours(((Number) position.get("outstandingMinutes")).longValue()),
          b.text(row + "td[data-col=outstanding]"),
          bank.nodeId + " outstanding");
      assertEquals(
          hours(((Number) position.get("netMinutes")).longValue()),
          b.text(row + "td[data-col=net]"),
          bank.nodeId + " net position");
    }
    assertEquals(
        hours(120),
        b.text("#bank-table tr[data-bank='" + beihai.nodeId + "'] td[data-col=redeemed]"));
    b.screenshot(SCREENSHOTS.resolve("console-desktop.png"));
    for (String page : List.of("/console", "/console/banks/" + guilin.nodeId, "/console/flows")) {
      for (var size : List.of(Browser.PHONE, Browser.DESKTOP)) {
        b.size(size);
        b.open(page);
        b.assertAccessible(page);
      }
      b.assertKeyboardReachesEveryControl(page);
    }
    b.open("/console?province=110000");
    assertEquals(
        List.of(beijing.nodeId),
        b.driver.findElements(By.cssSelector("#bank-table tbody tr[data-bank]")).stream()
            .map(r -> r.getAttribute("data-bank"))
            .toList(),
        "the province filter keeps Beijing's bank only");
    b.open("/console?province=beijing");
    assertTrue(b.text("#error-message").contains("not a province code"));
    b.open("/console/flows");
    String flow = rowOf(b, "#flow-table", guilin.nodeId);
    assertTrue(flow.contains(beihai.nodeId) && flow.contains(hours(120)), flow);
    b.open("/console/banks/nobody-here");
    assertTrue(b.text("#error-message").contains("There is no bank nobody-here"));
    b.open("/console?period=yesterday");
    assertTrue(b.text("#error-message").contains("“yesterday”"));
    assertEquals(
        400,
        given().cookie("tbx_session", session.getValue()).get("/console?period=x").statusCode());
    assertEquals(
        404,
        given()
            .cookie("tbx_session", session.getValue())
            .get("/console/banks/nobody")
            .statusCode());
    String csv =
        given()
            .cookie("tbx_session", session.getValue())
            .get("/console/banks.csv")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(csv.contains(guilin.nodeId + ",Guilin Time Bank,450300"), csv);
    b.clickAndWait(By.id("sign-out"), "/");
    b.open("/console");
    assertTrue(b.text("#error-message").contains("sign in"));
  }

  @Test
  @Order(3)
  void aVolunteerSignedInByTheirBanksLinkSeesTheirOwnHoursPerBankWithVerifiedReceipts()
      throws Exception {
    Browser b = browser();
    b.driver.manage().deleteAllCookies();
    String url =
        given()
            .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, guilin.nodeId))
            .post("/api/v1/volunteers/{v}/sign-in-links", traveller.id)
            .then()
            .statusCode(201)
            .extract()
            .path("url");
    given()
        .header("Authorization", "Bearer " + TestTokens.token(Roles.NODE, tianjin.nodeId))
        .post("/api/v1/volunteers/{v}/sign-in-links", traveller.id)
        .then()
        .statusCode(403);
    b.driver.get(url);
    b.clickAndWait(By.id("link-continue"), "/me");
    JsonPath balance =
        given().get("/api/v1/volunteers/{v}/balance", traveller.id).then().extract().jsonPath();
    assertTrue(b.text("#balance-total").contains(hours(balance.getLong("balanceMinutes"))));
    assertTrue(b.text("#balance-line").contains(hours(60) + " h held"));
    assertTrue(b.text("#per-bank tr[data-bank='" + guilin.nodeId + "']").contains(hours(600)));
    assertTrue(b.text("#per-bank tr[data-bank='" + beihai.nodeId + "']").contains(hours(120)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              b.open("/me");
              return b.driver.findElements(By.cssSelector("#history td[data-receipt]")).stream()
                  .allMatch(td -> "VERIFIED".equals(td.getAttribute("data-receipt")));
            });
    assertTrue(b.text("#history").contains("in the log at entry"));
    assertTrue(b.text("#directory").contains("Beihai Time Bank"));
    JsonPath standing =
        given()
            .get("/api/v1/volunteers/{v}/standing", traveller.id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(
        b.text("#standing-score").startsWith(standing.getLong("score") + " of 1000 points"),
        b.text("#standing-score"));
    assertTrue(
        b.text("#standing tr[data-factor='HOURS_SERVED']")
            .contains(standing.getString("factors[1].input")),
        b.text("#standing"));
    b.screenshot(SCREENSHOTS.resolve("me-desktop.png"));
    for (var size : List.of(Browser.PHONE, Browser.DESKTOP)) {
      b.size(size);
      b.open("/me");
      b.assertAccessible("/me");
    }
    b.assertKeyboardReachesEveryControl("/me");
    b.size(Browser.PHONE);
    b.screenshot(SCREENSHOTS.resolve("me-phone.png"));
    b.size(Browser.DESKTOP);

    b.open("/console");
    assertEquals("This page is not yours to see.", b.text("#error-message"));
    Cookie session = b.driver.manage().getCookieNamed("tbx_session");
    assertEquals(
        403, given().cookie("tbx_session", session.getValue()).get("/console").statusCode());

    // The link works once.
    b.driver.manage().deleteAllCookies();
    b.driver.get(url);
    b.driver.findElement(By.id("link-continue")).click();
    new WebDriverWait(b.driver, Duration.ofSeconds(15))
        .until(d -> !d.findElements(By.id("error-message")).isEmpty());
    assertTrue(b.text("#error-message").contains("already used"));
    assertEquals(401, given().post(url.replaceFirst("^.*?/me/", "/me/")).statusCode());
    assertEquals(404, given().post("/me/sign-in/" + "x".repeat(43)).statusCode());
    // A forged session cookie signs nobody in.
    assertEquals(401, given().cookie("tbx_session", "A".repeat(43)).get("/me").statusCode());
  }

  @Test
  @Order(4)
  void switchingTo中文ShowsChineseOnEveryPage() {
    Browser b = browser();
    b.driver.manage().deleteAllCookies();
    b.open("/?lang=en");
    b.clickAndWait(By.id("lang-switch"), "?lang=zh-CN");
    assertEquals("zh-CN", b.driver.findElement(By.tagName("html")).getAttribute("lang"));
    assertEquals("时间银行联盟数据公开", b.text("h1"));
    b.open("/");
    assertEquals("时间银行联盟数据公开", b.text("h1"), "the choice is remembered");
    b.assertAccessible("/ (zh)");
    b.open("/sign-in");
    assertEquals("登录", b.text("h1"));
    b.driver.findElement(By.id("token")).sendKeys(TestTokens.token(Roles.ADMIN, "test-operator"));
    b.clickAndWait(By.id("sign-in-submit"), "/console");
    assertEquals("监管控制台", b.text("h1"));
    b.assertAccessible("/console (zh)");
    b.open("/console/banks/" + guilin.nodeId);
    assertEquals("银行 " + guilin.nodeId, b.text("h1"));
    b.open("/console/flows");
    assertEquals("银行间流转", b.text("h1"));
    b.open("/console");
    b.clickAndWait(By.id("run-audit"), "/console#log");
    assertTrue(b.text("#audit-result").contains("日志与账本一致"), b.text("#audit-result"));
    b.open("/console/banks/nobody-here");
    assertEquals("联盟中没有银行 nobody-here。", b.text("#error-message"));
    b.open("/?lang=en");
  }

  @Test
  @Order(5)
  void theRegulatorSignsInAtTheIdentityProviderAndSomeoneWithoutItsGroupIsRefused() {
    Browser b = browser();
    b.driver.manage().deleteAllCookies();
    FakeIdentityProvider idp = FakeIdentityProvider.get();
    idp.signInNext(new FakeIdentityProvider.Person("li.hua", "Li Hua", List.of("tbx-regulator")));
    b.open("/sign-in?lang=en");
    // To the provider (another site) and back: quarkus-oidc checks state, PKCE and the ID token.
    b.clickAndWait(By.id("oidc-sign-in"), "/sign-in/oidc");
    assertEquals(
        "Li Hua signed in at the regulator's identity provider, as regulator.",
        b.text("#oidc-person"));
    b.assertAccessible("/sign-in/oidc");
    b.clickAndWait(By.id("oidc-continue"), "/console");
    assertEquals("Regulator console", b.text("h1"));
    Cookie session = b.driver.manage().getCookieNamed("tbx_session");
    assertTrue(session.isHttpOnly() && "Strict".equals(session.getSameSite()));
    assertEquals(
        403,
        given()
            .cookie("tbx_session", session.getValue())
            .contentType("application/x-www-form-urlencoded")
            .formParam("csrf", "forged")
            .post("/console/audit")
            .statusCode(),
        "the session's forms still need its CSRF value");
    b.clickAndWait(By.id("sign-out"), "/");

    b.driver.manage().deleteAllCookies();
    idp.signInNext(new FakeIdentityProvider.Person("wang.wu", "Wang Wu", List.of("staff")));
    b.open("/sign-in/oidc");
    assertTrue(
        b.text("#error-message")
            .contains("Wang Wu signed in at the identity provider, but its claim groups names"),
        b.text("#error-message"));
    assertEquals(null, b.driver.manage().getCookieNamed("tbx_session"));
  }

  private static String rowOf(Browser b, String table, String contains) {
    return b.driver.findElements(By.cssSelector(table + " tbody tr")).stream()
        .map(r -> " " + r.getText().replace('\n', ' ') + " ")
        .filter(t -> t.contains(contains))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    table
                        + " has no row with "
                        + contains
                        + " at "
                        + b.driver.getCurrentUrl()
                        + "; the page says: "
                        + b.driver.findElement(By.tagName("body")).getText()));
  }
}
