package org.tbx.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TestVolunteer;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.ApiTokens;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.auth.TokenKeys;
import org.tbx.protocol.v1.ConsentPurpose;

/**
 * Runs the README's sandbox command as a user would: the packaged jar brings up Kafka, PostgreSQL,
 * the hub and two adapters; a record posted at one bank shows in the hub's balance; Ctrl-C leaves
 * nothing.
 */
class SandboxIT {

  private static final Pattern URL_LINE =
      Pattern.compile("^\\[sandbox\\] (\\S+)\\s+(http://127\\.0\\.0\\.1:\\d+)\\s");
  private static final Pattern PG_PORT =
      Pattern.compile(
          "PostgreSQL: embedded PostgreSQL at jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");
  private static final Pattern TOKEN_LINE =
      Pattern.compile("^\\[sandbox\\] export (TBX_\\w+_TOKEN\\w*)=(\\S+)$");
  private static final Pattern KAFKA_PORT =
      Pattern.compile("Kafka: embedded Kafka .* at 127\\.0\\.0\\.1:(\\d+)");

  private static final Path ADAPTER_JAR =
      Path.of("../../node-adapter/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();

  /** The client compiler alone: JVMs that live for seconds start a third quicker. */
  private static final String QUICK_JVM = "-XX:TieredStopAtLevel=1";

  private final HttpClient http = HttpClient.newHttpClient();

  /** The volunteer who redeems across banks; their consent key stays on "their phone": here. */
  private final TestVolunteer zhao = new TestVolunteer("v-it-zhao");

  private final List<String> output = new CopyOnWriteArrayList<>();
  private Process sandbox;

  /**
   * Base URL to the token the sandbox printed for calling it: each bank's own, the regulator's for
   * the hub.
   */
  private final Map<String, String> tokenFor = new ConcurrentHashMap<>();

  /**
   * What a clerk does after the first redemption: zhao moves to Beihai (Guilin relocates them) and
   * redeems there again; a Guilin record the hub rejects is left out of Guilin's books, cannot be
   * reversed, is corrected by a new record, and Guilin's next statement matches.
   */
  private void aClerksDay(Map<String, String> urls, Map<String, String> tokens) throws Exception {
    String guilin = urls.get("guilin");
    String beihai = urls.get("beihai");
    awaitAccepted(
        guilin,
        post(
            guilin + "/api/v1/relocations",
            "it-relocate-zhao",
            "{\"volunteerId\":\"v-it-zhao\",\"toNodeId\":\"beihai\"}"));
    HttpResponse<String> again =
        post(
            beihai + "/api/v1/redemptions",
            "it-redeem-2",
            "{\"volunteerId\":\"v-it-zhao\",\"beneficiaryRef\":\"zhao-mother\",\"relation\":\"PARENT\","
                + "\"beneficiaryBirthDate\":\"1950-02-01\",\"serviceCategory\":\"MEAL_ASSIST\","
                + "\"requestedMinutes\":20,\"consent\":"
                + zhao.consentJson("beihai", ConsentPurpose.REDEMPTION, 20)
                + "}");
    assertEquals(201, again.statusCode(), again.body());
    String redemptionId = again.body().replaceAll(".*\"redemptionId\":\"([^\"]+)\".*", "$1");
    assertTrue(redemptionId.startsWith("r-"), again.body());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String listed =
                  get(beihai + "/api/v1/redemptions?volunteerId=v-it-zhao&status=AUTHORIZED")
                      .body();
              assertTrue(listed.contains(redemptionId), listed);
            });
    assertEquals(
        201,
        post(
                beihai + "/api/v1/redemptions/" + redemptionId + "/cancellation",
                "it-cancel-2",
                "{\"reason\":\"the appointment moved\"}")
            .statusCode());

    String rejected =
        awaitAnswered(
            guilin,
            post(
                guilin + "/api/v1/service-records",
                "it-needs-certificate",
                "{\"volunteerId\":\"v-it-qian\",\"serviceCategory\":\"BATHING_ASSIST\","
                    + "\"recipientRef\":\"elder-3\",\"startedAt\":\"2026-11-28T10:00:00Z\",\"minutes\":60}"),
            "REJECTED");
    assertTrue(rejected.contains("CERTIFICATION_REQUIRED"), rejected);
    String rejectedId = rejected.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> reversal =
        post(
            guilin + "/api/v1/reversals",
            "it-reverse-rejected",
            "{\"reversedEventId\":\"" + rejectedId + "\",\"reason\":\"no certificate\"}");
    assertEquals(409, reversal.statusCode(), reversal.body());
    assertTrue(reversal.body().contains("ALREADY_VOID"), reversal.body());
    awaitAccepted(
        guilin,
        post(
            guilin + "/api/v1/service-records",
            "it-corrected",
            "{\"volunteerId\":\"v-it-qian\",\"serviceCategory\":\"MEAL_ASSIST\","
                + "\"recipientRef\":\"elder-3\",\"startedAt\":\"2026-11-28T10:00:00Z\",\"minutes\":60}"));
    // A spreadsheet with Chinese headers and a staff member's name: the import waits for the hub
    // and
    // reports the row it rejects, with the hub's reason, and exits 1.
    Path csv = Files.createTempDirectory("tbx-it-csv").resolve("十一月.csv");
    Files.writeString(
        csv,
        "志愿者编号,服务类别,服务对象,开始时间,分钟,记录人\n"
            + "v-it-sun,助餐,elder-5,2026-11-27 09:00,40,王老师\n"
            + "v-it-sun,助浴,elder-5,2026-11-27 11:00,40,王老师\n",
        StandardCharsets.UTF_8);
    Process importing =
        java(
                "-jar",
                ADAPTER_JAR.toString(),
                "import",
                csv.toString(),
                "--adapter",
                guilin,
                "--token",
                tokens.get("TBX_NODE_TOKEN_GUILIN"),
                "--wait-timeout",
                "PT60S")
            .redirectErrorStream(true)
            .start();
    String said = new String(importing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(importing.waitFor(90, TimeUnit.SECONDS), said);
    assertEquals(1, importing.exitValue(), said);
    assertTrue(said.contains("the hub accepted 1 rows, rejected 1"), said);
    String report =
        Files.readString(csv.resolveSibling("十一月.csv.rejected.csv"), StandardCharsets.UTF_8);
    assertTrue(report.contains("被中心拒绝: CERTIFICATION_REQUIRED"), report);

    HttpResponse<String> statement = post(guilin + "/api/v1/statements", "it-statement-2", "");
    assertEquals(201, statement.statusCode(), statement.body());
    String statementId = statement.body().replaceAll(".*\"statementId\":\"([^\"]+)\".*", "$1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String reconciled = get(guilin + "/api/v1/statements/" + statementId).body();
              assertTrue(reconciled.contains("\"matched\":true"), reconciled);
            });
  }

  /**
   * The README's command for minting a token runs as written (with this run's key folder for the
   * sandbox's) and its token is accepted by the hub.
   */
  private void theReadmesTokenCommandWorksAgainstTheSandbox(String hub, Path keys)
      throws Exception {
    String readme = Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
    Matcher command =
        Pattern.compile(
                "java -cp (\\S+) org\\.tbx\\.protocol\\.auth\\.TokenTool mint \\\\\\s+([^\\n]+)")
            .matcher(readme);
    assertTrue(command.find(), "the README shows how to mint a token");
    List<String> args =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                QUICK_JVM,
                "-cp",
                command.group(1),
                "org.tbx.protocol.auth.TokenTool",
                "mint"));
    for (String arg : command.group(2).strip().split("\\s+")) {
      args.add(arg.replace("deploy/sandbox/keys", keys.toString()));
    }
    Process mint =
        new ProcessBuilder(args)
            .directory(Path.of("../..").toFile())
            .redirectErrorStream(true)
            .start();
    String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(mint.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, mint.exitValue(), token);
    HttpResponse<String> settlement =
        http.send(
            HttpRequest.newBuilder(URI.create(hub + "/api/v1/settlement"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, settlement.statusCode(), settlement.body());
  }

  /**
   * The adapter's {@code check} command, given only what the hub's admission answered, passes for a
   * bank the sandbox admitted; with a wrong Kafka password and token it fails and says what to fix.
   * Meanwhile an adapter configured with a hub key the hub does not sign with refuses to start,
   * naming the setting: the key is pinned, never learnt on first use. The three JVMs run at once.
   */
  private void theReadinessCheckAndThePinnedHubKey(String hub, Path keys, int pgPort, int kafkaPort)
      throws Exception {
    Path admission = Path.of("target/admissions/guilin.json").toAbsolutePath();
    Path wrong = Files.createTempFile("admission", ".json");
    Files.writeString(
        wrong,
        Files.readString(admission)
            .replaceAll("\"password\":\"[0-9a-f]+\"", "\"password\":\"wrong\"")
            .replaceAll("\"token\":\"[^\"]+\"", "\"token\":\"not.a.token\""));
    Process ready = java("-jar", ADAPTER_JAR.toString(), "check", admission.toString()).start();
    Process refused = java("-jar", ADAPTER_JAR.toString(), "check", wrong.toString()).start();
    ProcessBuilder builder = java("-jar", ADAPTER_JAR.toString());
    Map<String, String> env = builder.environment();
    env.put("TBX_NODE_ID", "pinned-check");
    env.put("TBX_HTTP_PORT", "0");
    env.put("TBX_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
    env.put("TBX_DB_USER", "postgres");
    env.put("TBX_DB_PASSWORD", "postgres");
    env.put("TBX_DB_SCHEMA", "pinned_check");
    env.put("TBX_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
    env.put("TBX_JWT_PUBLIC_KEY", keys.resolve(TokenKeys.VERIFY_KEY).toString());
    env.put("TBX_HUB_URL", hub);
    env.put(
        "TBX_HUB_TOKEN",
        ApiTokens.mint(
            ApiTokens.Claims.of(Roles.NODE, "pinned-check", Duration.ofHours(1)),
            TokenKeys.readPrivate(keys.resolve(TokenKeys.SIGNING_KEY))));
    env.put(
        "TBX_HUB_PUBLIC_KEY",
        HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic())));
    Process pinned = builder.start();
    try {
      String passed = finished(ready, 0);
      assertTrue(passed.contains("READY  bank guilin passed every check"), passed);
      assertTrue(passed.contains("PASS  write tbx.node.guilin.out"), passed);
      String failed = finished(refused, 1);
      assertTrue(
          failed.contains("FAIL  Kafka login node-guilin")
              && failed.contains("check kafka.user and kafka.password"),
          failed);
      assertTrue(failed.contains("FAIL  the hub accepts the node token"), failed);
      String said = new String(pinned.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(pinned.waitFor(120, TimeUnit.SECONDS), "the adapter should refuse to start");
      assertTrue(pinned.exitValue() != 0, said);
      assertTrue(said.contains("TBX_HUB_PUBLIC_KEY (tbx.node.hub-public-key) is"), said);
    } finally {
      for (Process p : List.of(ready, refused, pinned)) {
        p.destroyForcibly();
      }
    }
  }

  /** Runs the import command on a report file for Guilin, as its clerk would. */
  private static String importReport(
      String kind, Path csv, String adapter, Map<String, String> tokens, int expectedExit)
      throws Exception {
    return finished(
        java(
                "-jar",
                ADAPTER_JAR.toString(),
                "import",
                csv.toString(),
                "--kind",
                kind,
                "--parallel",
                "1",
                "--adapter",
                adapter,
                "--token",
                tokens.get("TBX_NODE_TOKEN_GUILIN"))
            .start(),
        expectedExit);
  }

  /** The output of a finished process, which must exit with the code expected. */
  private static String finished(Process process, int expectedExit) throws Exception {
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), said);
    assertEquals(expectedExit, process.exitValue(), said);
    return said;
  }

  /**
   * A JVM started by the test, its output merged: the client compiler alone, as the sandbox's own
   * applications in these tests (they live for seconds).
   */
  private static ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(QUICK_JVM);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /**
   * Waits until the hub accepted what a bank's adapter submitted.
   *
   * @return the submission as the adapter shows it
   */
  private String awaitAccepted(String adapter, HttpResponse<String> submitted) {
    return awaitAnswered(adapter, submitted, "ACCEPTED");
  }

  /**
   * Waits until the hub answered what a bank's adapter submitted, as expected.
   *
   * @return the submission as the adapter shows it
   */
  private String awaitAnswered(String adapter, HttpResponse<String> submitted, String status) {
    assertEquals(201, submitted.statusCode(), submitted.body());
    String eventId = submitted.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    String[] last = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              last[0] = get(adapter + "/api/v1/submissions/" + eventId).body();
              assertTrue(last[0].contains("\"status\":\"" + status + "\""), last[0]);
            });
    return last[0];
  }

  @AfterEach
  void killLeftovers() {
    if (sandbox != null && sandbox.isAlive()) {
      sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
      sandbox.destroyForcibly();
    }
  }

  @Test
  void bringsUpTheFederationCarriesADepositToTheHubAndStopsCleanlyOnCtrlC() throws Exception {
    Path jar = Path.of("target/tbx-sandbox.jar").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is built in the package phase");
    long started = System.nanoTime();
    Path keys = Files.createTempDirectory("tbx-sandbox-keys");
    launch(jar, Map.of("TBX_SANDBOX_KEYS", keys.toString()));

    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> output.stream().anyMatch(l -> l.contains("ready in")) || !sandbox.isAlive());
    assertTrue(sandbox.isAlive(), "the sandbox exited early:\n" + String.join("\n", output));
    System.out.printf("sandbox ready after %.1f s%n", (System.nanoTime() - started) / 1e9);

    Map<String, String> urls = new ConcurrentHashMap<>();
    for (String line : output) {
      Matcher m = URL_LINE.matcher(line);
      if (m.find()) {
        urls.put(m.group(1), m.group(2));
      }
    }
    assertEquals(
        List.of("beihai", "guilin", "hub"),
        urls.keySet().stream().sorted().toList(),
        String.join("\n", output));
    Map<String, String> tokens = new ConcurrentHashMap<>();
    for (String line : output) {
      Matcher m = TOKEN_LINE.matcher(line);
      if (m.find()) {
        tokens.put(m.group(1), m.group(2));
      }
    }
    assertTrue(
        Files.isRegularFile(keys.resolve("token-signing-key.pem")),
        "the sandbox made its token keys on first start");
    tokenFor.put(urls.get("hub"), tokens.get("TBX_REGULATOR_TOKEN"));
    tokenFor.put(urls.get("guilin"), tokens.get("TBX_NODE_TOKEN_GUILIN"));
    tokenFor.put(urls.get("beihai"), tokens.get("TBX_NODE_TOKEN_BEIHAI"));
    assertEquals(
        3, tokenFor.values().stream().filter(Objects::nonNull).count(), String.join("\n", output));

    // Every API call needs a token of the right role and bank.
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(urls.get("hub") + "/api/v1/volunteers/v-demo-li/balance"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> wrongBank =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get("beihai") + "/api/v1/node"))
                .header("Authorization", "Bearer " + tokens.get("TBX_NODE_TOKEN_GUILIN"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, wrongBank.statusCode(), wrongBank.body());
    // A token the operator revokes at the hub is refused by the bank's adapter too, within its
    // refresh interval.
    String laptopToken =
        ApiTokens.mint(
            ApiTokens.Claims.of(Roles.NODE, "guilin", Duration.ofDays(1)),
            TokenKeys.readPrivate(keys.resolve(TokenKeys.SIGNING_KEY)));
    HttpRequest guilinNode =
        HttpRequest.newBuilder(URI.create(urls.get("guilin") + "/api/v1/node"))
            .header("Authorization", "Bearer " + laptopToken)
            .build();
    assertEquals(200, http.send(guilinNode, HttpResponse.BodyHandlers.ofString()).statusCode());
    String jti =
        new String(
                Base64.getUrlDecoder().decode(laptopToken.split("\\.")[1]), StandardCharsets.UTF_8)
            .replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> revoked =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get("hub") + "/api/v1/tokens/revocations"))
                .header("Authorization", "Bearer " + tokens.get("TBX_ADMIN_TOKEN"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jti\":\"" + jti + "\",\"reason\":\"laptop stolen\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, revoked.statusCode(), revoked.body());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> refused =
                  http.send(guilinNode, HttpResponse.BodyHandlers.ofString());
              assertEquals(401, refused.statusCode(), refused.body());
              assertTrue(refused.body().contains("laptop stolen"), refused.body());
            });
    HttpResponse<String> ownBalance =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(urls.get("hub") + "/api/v1/volunteers/v-demo-li/balance"))
                .header("Authorization", "Bearer " + tokens.get("TBX_VOLUNTEER_TOKEN"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ownBalance.statusCode(), ownBalance.body());
    // One person enrolled at two banks by national ID gets one federation id; the number itself
    // stays at each bank.
    String enrollment =
        "{\"nationalId\":\"11010519491231002X\",\"birthDate\":\"1949-12-31\","
            + "\"verification\":{\"method\":\"ID_CARD_AND_FACE\",\"verifiedByRef\":\"clerk-7\"}}";
    HttpResponse<String> enrolledAtGuilin =
        post(urls.get("guilin") + "/api/v1/volunteers", "it-enroll-1", enrollment);
    HttpResponse<String> enrolledAtBeihai =
        post(urls.get("beihai") + "/api/v1/volunteers", "it-enroll-2", enrollment);
    assertEquals(201, enrolledAtGuilin.statusCode(), enrolledAtGuilin.body());
    assertEquals(201, enrolledAtBeihai.statusCode(), enrolledAtBeihai.body());
    String federationId =
        enrolledAtGuilin.body().replaceAll(".*\"volunteerId\":\"(tv1-[a-z2-7]+)\".*", "$1");
    assertTrue(
        federationId.startsWith("tv1-") && enrolledAtBeihai.body().contains(federationId),
        enrolledAtGuilin.body() + enrolledAtBeihai.body());
    assertFalse(enrolledAtGuilin.body().contains("11010519491231002X"), enrolledAtGuilin.body());
    assertEquals(200, get(urls.get("hub") + "/q/openapi").statusCode());

    // The demo records already travelled; a new one at guilin must reach the hub as well.
    assertTrue(
        get(urls.get("hub") + "/api/v1/volunteers/v-demo-li/balance")
            .body()
            .contains("\"balanceMinutes\":180"));
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get("guilin") + "/api/v1/service-records"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenFor.get(urls.get("guilin")))
                .header("Idempotency-Key", "sandbox-it-1")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"volunteerId\":\"v-it-zhao\",\"serviceCategory\":\"MEAL_ASSIST\",\"recipientRef\":\"elder-9\","
                            + "\"startedAt\":\"2026-11-28T09:00:00Z\",\"minutes\":75}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertTrue(
                    get(urls.get("hub") + "/api/v1/volunteers/v-it-zhao/balance")
                        .body()
                        .contains("\"balanceMinutes\":75")));
    // The hub's signed notice comes back to the bank: the adapter shows the record as accepted.
    String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertTrue(
                    get(urls.get("guilin") + "/api/v1/service-records/" + id)
                        .body()
                        .contains("\"status\":\"ACCEPTED\"")));

    // Hours banked in Guilin pay for care in Beihai, as a real volunteer would spend them: Guilin,
    // zhao's home bank, verified zhao and registered the consent key zhao's phone holds; Beihai
    // enrolls zhao as a visitor; zhao signs a consent for this one redemption at Beihai; the hub
    // checks it and authorizes, Beihai settles, both see the balance.
    awaitAccepted(
        urls.get("guilin"),
        post(
            urls.get("guilin") + "/api/v1/volunteers",
            "it-enroll-zhao-home",
            zhao.enrollmentJson("1962-03-08", true)));
    String visit =
        awaitAccepted(
            urls.get("beihai"),
            post(
                urls.get("beihai") + "/api/v1/volunteers",
                "it-enroll-zhao-visit",
                zhao.enrollmentJson("1962-03-08", false)));
    assertTrue(visit.contains("\"status\":\"ACCEPTED\""), visit);
    String redemption =
        "{\"redemptionId\":\"it-r-1\",\"volunteerId\":\"v-it-zhao\",\"beneficiaryRef\":\"zhao-mother\","
            + "\"relation\":\"PARENT\",\"beneficiaryBirthDate\":\"1950-02-01\",\"serviceCategory\":\"MEAL_ASSIST\","
            + "\"requestedMinutes\":60,\"consent\":";
    HttpResponse<String> withoutConsent =
        post(
            urls.get("beihai") + "/api/v1/redemptions",
            "it-redeem-0",
            redemption.replace("it-r-1", "it-r-0") + "null}");
    assertEquals(400, withoutConsent.statusCode(), withoutConsent.body());
    assertTrue(withoutConsent.body().contains("CONSENT_REQUIRED"), withoutConsent.body());
    assertEquals(
        201,
        post(
                urls.get("beihai") + "/api/v1/redemptions",
                "it-redeem-1",
                redemption + zhao.consentJson("beihai", ConsentPurpose.REDEMPTION, 60) + "}")
            .statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertTrue(
                    get(urls.get("beihai") + "/api/v1/redemptions/it-r-1")
                        .body()
                        .contains("\"status\":\"AUTHORIZED\"")));
    HttpResponse<String> settled =
        post(
            urls.get("beihai") + "/api/v1/redemptions/it-r-1/settlement",
            "it-settle-1",
            "{\"usedMinutes\":45}");
    assertEquals(201, settled.statusCode(), settled.body());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertTrue(
                    get(urls.get("hub") + "/api/v1/volunteers/v-it-zhao/balance")
                        .body()
                        .contains("\"balanceMinutes\":30")));
    String atBeihai = get(urls.get("beihai") + "/api/v1/volunteers/v-it-zhao/balance").body();
    assertTrue(
        atBeihai.contains("\"balanceMinutes\":30") && atBeihai.contains("\"stale\":false"),
        atBeihai);
    // Guilin's own app sends zhao to the hub's portal: a one-time link, asked through the adapter.
    HttpResponse<String> link =
        post(urls.get("guilin") + "/api/v1/volunteers/v-it-zhao/sign-in-link", "it-link-1", "");
    assertEquals(201, link.statusCode(), link.body());
    String signIn = link.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> used =
        http.send(
            HttpRequest.newBuilder(URI.create(signIn))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, used.statusCode(), used.body());
    String session =
        used.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith("tbx_session="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> portal =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get("hub") + "/me"))
                .header("Cookie", session)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, portal.statusCode(), portal.body());
    assertTrue(portal.body().contains("v-it-zhao"), portal.body());
    assertTrue(portal.body().contains("id=\"standing-score\""), portal.body());
    // Guilin's clerk sees zhao's standing, as the hub scores it from every bank, through the
    // adapter.
    HttpResponse<String> standing =
        get(urls.get("guilin") + "/api/v1/volunteers/v-it-zhao/standing");
    assertEquals(200, standing.statusCode(), standing.body());
    assertTrue(
        standing.body().contains("\"factor\":\"HOURS_SERVED\"")
            && standing.body().contains("\"rulebookVersion\":3"),
        standing.body());
    // Guilin's clerk reports that zhao missed a visit and disputes the 75-minute record for the
    // elder, both through the adapter to the real hub; the standing lists the report.
    HttpResponse<String> absence =
        post(
            urls.get("guilin") + "/api/v1/volunteers/v-it-zhao/absences",
            "it-absence-1",
            "{\"absenceId\":\"6f1f1f1f-0000-4000-8000-000000000001\",\"kind\":\"NO_SHOW\","
                + "\"dueAt\":\"2026-11-29T09:00:00Z\"}");
    assertEquals(201, absence.statusCode(), absence.body());
    assertTrue(
        get(urls.get("guilin") + "/api/v1/volunteers/v-it-zhao/standing")
            .body()
            .contains("1 no-shows and 0 late cancellations reported by banks"));
    String depositEvent = created.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> dispute =
        post(
            urls.get("guilin") + "/api/v1/disputes",
            "it-dispute-1",
            "{\"volunteerId\":\"v-it-zhao\",\"eventId\":\""
                + depositEvent
                + "\",\"reason\":\"the elder says the visit was shorter\","
                + "\"complainant\":\"RECIPIENT\"}");
    assertEquals(201, dispute.statusCode(), dispute.body());
    assertTrue(
        dispute.body().contains("\"kind\":\"SERVICE\"")
            && dispute.body().contains("\"state\":\"OPEN\""),
        dispute.body());
    // Guilin gives a bathing-assistance course (the demonstration gave first aid); zhao passes
    // it, which grants the certification that bathing assistance needs.
    HttpResponse<String> course =
        post(
            urls.get("guilin") + "/api/v1/courses",
            "it-course-1",
            "{\"courseId\":\"guilin-bathing\",\"nameZh\":\"助浴培训\",\"nameEn\":\"Bathing assistance\","
                + "\"category\":\"BATHING_ASSIST\",\"trainingHours\":16,\"validityMonths\":24}");
    assertEquals(201, course.statusCode(), course.body());
    assertTrue(course.body().contains("\"certification\":\"CARE_BASIC\""), course.body());
    HttpResponse<String> passed =
        post(
            urls.get("guilin") + "/api/v1/courses/guilin-bathing/assessments",
            "it-assessment-1",
            "{\"assessmentId\":\"6f1f1f1f-0000-4000-8000-000000000002\",\"volunteerId\":\"v-it-zhao\","
                + "\"completedAt\":\"2026-11-20T08:00:00Z\",\"passed\":true,\"score\":88}");
    assertEquals(201, passed.statusCode(), passed.body());
    assertTrue(passed.body().contains("\"validUntil\":\"2028-11-19\""), passed.body());
    // The same reports from a spreadsheet: an assessment sheet (Chinese headers) and a no-show
    // list, through the import command and the adapter to the hub, which answers each row; a row
    // it refuses is reported with its reason, and a second run adds nothing.
    Path sheets = Files.createTempDirectory("tbx-it-reports");
    Path assessments = sheets.resolve("考核.csv");
    Files.writeString(
        assessments,
        "课程编号,志愿者编号,姓名,完成时间,是否通过,成绩\n"
            + "guilin-bathing,v-it-zhao,赵,2026-11-21 10:00,通过,92\n"
            + "guilin-skydiving,v-it-zhao,赵,2026-11-21 11:00,是,\n",
        StandardCharsets.UTF_8);
    String said = importReport("assessments", assessments, urls.get("guilin"), tokens, 1);
    assertTrue(said.contains("2 rows, 1 imported, 0 already imported, 1 rejected"), said);
    String report = Files.readString(sheets.resolve("考核.csv.rejected.csv"), StandardCharsets.UTF_8);
    assertTrue(report.contains("UNKNOWN_COURSE") && report.contains("guilin-skydiving"), report);
    // A no-show list where the clerk pasted a row twice: the copy gets the same derived id and
    // the hub answers it as sent before, so it counts once.
    Path absences = sheets.resolve("absences.csv");
    String late = "v-it-zhao,LATE_CANCELLATION,2026-11-30 09:00,called an hour before\n";
    Files.writeString(
        absences,
        "volunteer_id,kind,due_at,note\n" + late + late + "v-it-zhao,maybe,2026-11-30 10:00,\n",
        StandardCharsets.UTF_8);
    said = importReport("absences", absences, urls.get("guilin"), tokens, 1);
    assertTrue(said.contains("3 rows, 1 imported, 1 already imported, 1 rejected"), said);
    report = Files.readString(sheets.resolve("absences.csv.rejected.csv"), StandardCharsets.UTF_8);
    assertTrue(report.contains("kind: INVALID_FIELD"), report);
    String standingNow = get(urls.get("guilin") + "/api/v1/volunteers/v-it-zhao/standing").body();
    assertTrue(
        standingNow.contains("1 no-shows and 1 late cancellations reported by banks"), standingNow);
    // Benefits for hours wait for rulebook 5 (2027-10-01): the hub's refusal comes back through
    // the adapter as it gave it.
    HttpResponse<String> benefit =
        post(
            urls.get("guilin") + "/api/v1/benefits",
            "it-benefit-1",
            "{\"benefitId\":\"guilin-rice\",\"nameZh\":\"大米一袋\",\"nameEn\":\"A bag of rice\","
                + "\"kind\":\"GOODS\",\"minutes\":60}");
    assertEquals(409, benefit.statusCode(), benefit.body());
    assertTrue(benefit.body().contains("BENEFITS_NOT_ALLOWED"), benefit.body());
    // Beihai's own books agree with the hub's: a statement sent now comes back reconciled and
    // matched.
    HttpResponse<String> statement =
        post(urls.get("beihai") + "/api/v1/statements", "it-statement-1", "");
    assertEquals(201, statement.statusCode(), statement.body());
    String statementId = statement.body().replaceAll(".*\"statementId\":\"([^\"]+)\".*", "$1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String reconciled =
                  get(urls.get("beihai") + "/api/v1/statements/" + statementId).body();
              assertTrue(reconciled.contains("\"matched\":true"), reconciled);
            });

    // The hub logged the settlement: beihai holds its receipt (leaf index) and the hub's
    // checkpoints, each
    // proven to extend the one before.
    String settlementId = settled.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String receipt =
                  get(urls.get("beihai") + "/api/v1/submissions/" + settlementId).body();
              assertTrue(receipt.matches(".*\"logIndex\":\\d+.*"), receipt);
              HttpResponse<String> proof =
                  get(urls.get("beihai") + "/api/v1/submissions/" + settlementId + "/receipt");
              assertEquals(200, proof.statusCode(), proof.body());
              assertTrue(proof.body().contains("event " + settlementId), proof.body());
              String checkpoints = get(urls.get("beihai") + "/api/v1/hub-log/checkpoints").body();
              assertTrue(
                  checkpoints.contains("\"consistent\":true")
                      && !checkpoints.contains("\"consistent\":false"),
                  checkpoints);
            });

    // The sandbox's hub offers no identity provider: its sign-in path says so in a page.
    HttpResponse<String> noProvider = get(urls.get("hub") + "/sign-in/oidc");
    assertEquals(404, noProvider.statusCode(), noProvider.body());
    assertTrue(
        noProvider.body().contains("does not offer sign-in at an identity provider"),
        noProvider.body());
    // The demonstration's volunteer who reached the first star at Guilin and moved: Beihai, the
    // new home bank, reads their standing and honour through its own adapter.
    assertTrue(
        output.stream()
            .anyMatch(l -> l.contains("v-demo-zhang served 100 hours at guilin (STAR_1")),
        String.join("\n", output));
    String moved = get(urls.get("beihai") + "/api/v1/volunteers/v-demo-zhang/standing").body();
    assertTrue(
        moved.contains("\"code\":\"STAR_1\"")
            && moved.contains("6000 minutes of credited service (100 full hours)"),
        moved);
    aClerksDay(urls, tokens);
    theReadmesTokenCommandWorksAgainstTheSandbox(urls.get("hub"), keys);

    List<ProcessHandle> children = new ArrayList<>(sandbox.descendants().toList());
    assertTrue(
        children.size() >= 3, "hub and two adapters run as their own processes: " + children);
    int pgPort = port(PG_PORT);
    int kafkaPort = port(KAFKA_PORT);
    theReadinessCheckAndThePinnedHubKey(urls.get("hub"), keys, pgPort, kafkaPort);

    new ProcessBuilder("kill", "-INT", Long.toString(sandbox.pid())).start().waitFor();
    assertTrue(sandbox.waitFor(90, TimeUnit.SECONDS), "the sandbox stops on Ctrl-C");
    children.forEach(
        child -> assertFalse(child.isAlive(), "process left running: " + child.info()));
    assertFalse(listening(pgPort), "PostgreSQL still listens on " + pgPort);
    assertFalse(listening(kafkaPort), "Kafka still listens on " + kafkaPort);
    assertTrue(
        output.stream().anyMatch(l -> l.contains("[sandbox] stopped")), String.join("\n", output));
    assertEquals(List.of(), errorsLogged(List.of("hub", "guilin", "beihai")));
  }

  /**
   * SIGTERM while the sandbox is still starting (the hub's process booting): everything started
   * stops, in reverse order, before Kafka and PostgreSQL, with no error logged.
   */
  @Test
  void stoppedDuringStartUpLeavesNothingRunningAndLogsNoError() throws Exception {
    launch(
        Path.of("target/tbx-sandbox.jar").toAbsolutePath(),
        Map.of(
            "TBX_SANDBOX_KEYS",
            Files.createTempDirectory("tbx-keys").toString(),
            "TBX_SANDBOX_NODES",
            "guilin"));
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> output.stream().anyMatch(l -> l.contains("started the hub")));
    List<ProcessHandle> children = new ArrayList<>(sandbox.descendants().toList());
    // Process.destroy() would also close the output this test reads
    new ProcessBuilder("kill", "-TERM", Long.toString(sandbox.pid())).start().waitFor();
    assertTrue(sandbox.waitFor(90, TimeUnit.SECONDS), "the sandbox stops on SIGTERM");
    children.forEach(
        child -> assertFalse(child.isAlive(), "process left running: " + child.info()));
    assertTrue(
        output.stream().anyMatch(l -> l.contains("[sandbox] stopped")), String.join("\n", output));
    assertFalse(
        output.stream().anyMatch(l -> l.contains("FAILED")),
        "a stop is not a failure:\n" + String.join("\n", output));
    assertEquals(List.of(), errorsLogged(List.of("hub", "guilin")));
  }

  /** Starts the sandbox jar with these settings and reads its output into {@link #output}. */
  private void launch(Path jar, Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    sandbox = builder.start();
    Thread reader = new Thread(this::readOutput, "sandbox-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The lines at level ERROR in the logs of the sandbox's processes. */
  private static List<String> errorsLogged(List<String> processes) throws IOException {
    List<String> errors = new ArrayList<>();
    for (String name : processes) {
      Path log = Path.of("target/logs", name + ".log");
      if (Files.exists(log)) {
        Files.readAllLines(log).stream()
            .filter(l -> l.contains(" ERROR "))
            .map(l -> name + ": " + l)
            .forEach(errors::add);
      }
    }
    return errors;
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
        System.out.println(line);
      }
    } catch (IOException e) {
      output.add("(output closed: " + e + ")");
    }
  }

  private int port(Pattern pattern) {
    for (String line : output) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", output));
  }

  private HttpResponse<String> post(String url, String key, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token(url))
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token(url))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String token(String url) {
    return tokenFor.entrySet().stream()
        .filter(e -> url.startsWith(e.getKey() + "/"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no token for " + url));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
