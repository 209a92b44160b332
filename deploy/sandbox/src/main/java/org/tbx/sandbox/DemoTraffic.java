package org.tbx.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.auth.Roles;

/** Feeds service records to adapters over their REST API and reads balances back from the hub. */
final class DemoTraffic {

  private static final Pattern BALANCE = Pattern.compile("\"balanceMinutes\"\\s*:\\s*(-?\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SandboxTokens tokens;

  DemoTraffic(SandboxTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * Records a service at an adapter.
   *
   * @return the adapter's JSON answer
   * @throws IllegalStateException when the adapter does not answer 201
   */
  String recordService(AppProcess adapter, String volunteerId, String category, int minutes) {
    return recordService(adapter, volunteerId, category, minutes, 1);
  }

  /**
   * Records a service that started some days ago at an adapter.
   *
   * @return the adapter's JSON answer
   * @throws IllegalStateException when the adapter does not answer 201
   */
  String recordService(
      AppProcess adapter, String volunteerId, String category, int minutes, int daysAgo) {
    String startedAt =
        Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString();
    String body =
        String.format(
            "{\"volunteerId\":\"%s\",\"serviceCategory\":\"%s\",\"recipientRef\":\"elder-%s\","
                + "\"startedAt\":\"%s\",\"minutes\":%d}",
            volunteerId, category, adapter.name(), startedAt, minutes);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(adapter.url() + "/api/v1/service-records"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("Authorization", "Bearer " + tokens.node(adapter.name()))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          adapter.name() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * @return the volunteer's balance at the hub, if the hub knows the volunteer
   */
  Optional<Long> balance(AppProcess hub, String volunteerId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(hub.url() + "/api/v1/volunteers/" + volunteerId + "/balance"))
            .header("Authorization", "Bearer " + tokens.mint(Roles.REGULATOR, "sandbox-regulator"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    Matcher m = BALANCE.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(
          "hub answered " + response.statusCode() + ": " + response.body());
    }
    return Optional.of(Long.parseLong(m.group(1)));
  }

  /**
   * Waits until the hub reports the expected balance.
   *
   * @throws IllegalStateException when it does not within the timeout
   */
  void awaitBalance(AppProcess hub, String volunteerId, long expected, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Optional<Long> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      last = balance(hub, volunteerId);
      if (last.isPresent() && last.get() == expected) {
        return;
      }
      AppProcess.pause(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "the hub reports "
            + last.map(String::valueOf).orElse("no account")
            + " for "
            + volunteerId
            + ", expected "
            + expected);
  }

  /**
   * Admits a bank through the hub's one-step admission and keeps the document it answers (its Kafka
   * login, topics, token, the hub's key) in {@code file}.
   *
   * @return the adapter's environment from that document
   * @throws IllegalStateException when the hub refuses, with its answer
   */
  Map<String, String> admit(AppProcess hub, String nodeId, Path file) {
    HttpResponse<String> admitted =
        send(
            HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/admissions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.admin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"nodeId\":\"" + nodeId + "\"}"))
                .build());
    if (admitted.statusCode() != 201) {
      throw new IllegalStateException("the hub did not admit " + nodeId + ": " + admitted.body());
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, admitted.body());
      Map<String, String> env = new LinkedHashMap<>();
      new ObjectMapper()
          .readTree(admitted.body())
          .get("adapterEnvironment")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + nodeId + "'s admission in " + file, e);
    }
  }

  /**
   * Registers each adapter's public signing key at the hub, as a new bank does when it joins.
   *
   * @throws IllegalStateException when an adapter or the hub refuses
   */
  void registerBanks(AppProcess hub, List<AppProcess> adapters) {
    for (AppProcess adapter : adapters) {
      HttpResponse<String> info =
          send(
              HttpRequest.newBuilder(URI.create(adapter.url() + "/api/v1/node"))
                  .header("Authorization", "Bearer " + tokens.node(adapter.name()))
                  .build());
      String publicKey = field(info.body(), "publicKeyHex");
      HttpResponse<String> registered =
          send(
              HttpRequest.newBuilder(
                      URI.create(hub.url() + "/api/v1/nodes/" + adapter.name() + "/keys"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + tokens.admin())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"publicKeyHex\":\"" + publicKey + "\"}"))
                  .build());
      if (registered.statusCode() != 201 && registered.statusCode() != 200) {
        throw new IllegalStateException(
            "the hub refused " + adapter.name() + "'s key: " + registered.body());
      }
    }
  }

  /**
   * @return the hub's notice-signing public key, hex
   */
  String hubPublicKey(AppProcess hub) {
    return field(
        send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/hub/key")).build()).body(),
        "publicKeyHex");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  /**
   * Enrolls a volunteer at their home bank through its adapter, with a consent key as their phone
   * would hold.
   */
  void enroll(AppProcess adapter, String volunteerId) {
    String key =
        HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(Ed25519Keys.generate().getPublic()));
    String body =
        "{\"volunteerId\":\""
            + volunteerId
            + "\",\"birthDate\":\"1960-05-01\",\"verification\":{\"method\":\"ID_CARD_AND_FACE\","
            + "\"verifiedByRef\":\"staff-demo\"},\"consentPublicKeyHex\":\""
            + key
            + "\"}";
    expect(201, post(adapter.url() + "/api/v1/volunteers", tokens.node(adapter.name()), body));
  }

  /**
   * Enrolls a volunteer at a bank they visit (their home bank enrolled them first), as that bank's
   * clerk does after checking their ID card: from rulebook 3 a bank credits only volunteers it
   * enrolled.
   */
  void visit(AppProcess adapter, String volunteerId) {
    String body =
        "{\"volunteerId\":\""
            + volunteerId
            + "\",\"birthDate\":\"1960-05-01\",\"verification\":{\"method\":\"ID_CARD\","
            + "\"verifiedByRef\":\"staff-demo\"}}";
    expect(201, post(adapter.url() + "/api/v1/volunteers", tokens.node(adapter.name()), body));
  }

  /**
   * What a bank reports beyond the protocol's events, through its adapter: a course it gives and a
   * volunteer's passed assessment (which grants the course's certification), a no-show, and a
   * dispute of one of its service records for the recipient (PROTOCOL.md sections 14 and 15).
   *
   * @param recordAnswer the adapter's answer to the disputed service record
   */
  void conduct(
      AppProcess trainer,
      String trainee,
      AppProcess recorder,
      String recorded,
      String recordAnswer) {
    String node = tokens.node(trainer.name());
    expect(
        201,
        post(
            trainer.url() + "/api/v1/courses",
            node,
            "{\"courseId\":\""
                + trainer.name()
                + "-first-aid\",\"nameZh\":\"急救培训\",\"nameEn\":\"First aid\","
                + "\"category\":\"EMERGENCY_ASSIST\",\"trainingHours\":16,\"validityMonths\":24}"));
    expect(
        201,
        post(
            trainer.url() + "/api/v1/courses/" + trainer.name() + "-first-aid/assessments",
            node,
            "{\"assessmentId\":\""
                + UUID.randomUUID()
                + "\",\"volunteerId\":\""
                + trainee
                + "\",\"completedAt\":\""
                + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"passed\":true,\"score\":92}"));
    String other = tokens.node(recorder.name());
    expect(
        201,
        post(
            recorder.url() + "/api/v1/volunteers/" + recorded + "/absences",
            other,
            "{\"absenceId\":\""
                + UUID.randomUUID()
                + "\",\"kind\":\"NO_SHOW\",\"dueAt\":\""
                + Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\"}"));
    String eventId = recordAnswer.replaceAll(".*\"eventId\"\s*:\s*\"([^\"]+)\".*", "$1");
    expect(
        201,
        post(
            recorder.url() + "/api/v1/disputes",
            other,
            "{\"volunteerId\":\""
                + recorded
                + "\",\"eventId\":\""
                + eventId
                + "\",\"reason\":\"the elder says the visit was half as long\","
                + "\"complainant\":\"RECIPIENT\"}"));
  }

  /**
   * Moves a volunteer from their home bank to another, through the home bank's adapter, and waits
   * until the new bank reads their standing through its own adapter with an honour in it.
   *
   * @return the new bank's answer
   * @throws IllegalStateException when it does not within the timeout
   */
  String relocate(
      AppProcess from, String volunteerId, AppProcess to, String honour, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(from.url() + "/api/v1/relocations"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "demo-relocate-" + volunteerId)
            .header("Authorization", "Bearer " + tokens.node(from.name()))
            .timeout(Duration.ofSeconds(10))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"volunteerId\":\"" + volunteerId + "\",\"toNodeId\":\"" + to.name() + "\"}"))
            .build();
    expect(201, send(request));
    Instant deadline = Instant.now().plus(timeout);
    HttpResponse<String> seen = null;
    while (Instant.now().isBefore(deadline)) {
      seen =
          send(
              HttpRequest.newBuilder(
                      URI.create(to.url() + "/api/v1/volunteers/" + volunteerId + "/standing"))
                  .header("Authorization", "Bearer " + tokens.node(to.name()))
                  .timeout(Duration.ofSeconds(10))
                  .build());
      if (seen.statusCode() == 200 && seen.body().contains("\"" + honour + "\"")) {
        return seen.body();
      }
      AppProcess.pause(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        to.name()
            + " does not see "
            + volunteerId
            + "'s "
            + honour
            + " after the relocation: "
            + (seen == null ? "no answer" : seen.statusCode() + " " + seen.body()));
  }

  /** Puts a bank in the directory, as the operator does when it joins. */
  void profile(AppProcess hub, String nodeId, String nameZh, String nameEn, String region) {
    String body =
        String.format(
            "{\"nameZh\":\"%s\",\"nameEn\":\"%s\",\"regionCode\":\"%s\",\"address\":\"%s service"
                + " centre\",\"phone\":\"0773-1234567\",\"hours\":\"Mon-Fri 9:00-17:00\","
                + "\"categories\":[\"MEAL_ASSIST\",\"EMOTIONAL_SUPPORT\"]}",
            nameZh, nameEn, region, nameEn);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/banks/" + nodeId))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + tokens.admin())
            .timeout(Duration.ofSeconds(10))
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    expect(200, send(request));
  }

  /**
   * @return a one-time sign-in link to the hub's portal, asked through the volunteer's bank
   */
  String signInLink(AppProcess adapter, String volunteerId) {
    HttpResponse<String> response =
        expect(
            201,
            post(
                adapter.url() + "/api/v1/volunteers/" + volunteerId + "/sign-in-link",
                tokens.node(adapter.name()),
                ""));
    return response.body().replaceAll(".*\"url\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> post(String url, String token, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
