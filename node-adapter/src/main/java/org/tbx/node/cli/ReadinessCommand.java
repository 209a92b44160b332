package org.tbx.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.tbx.kit.kafka.KafkaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Checks that a joining bank is ready, with what its admission gave it and nothing else: its Kafka
 * login opens the broker, it may write its {@code .out} and read its {@code .in} topic and group,
 * the hub answers at its URL with the pinned notice key, the node token is accepted, and a signing
 * key is registered. Each check prints PASS or FAIL with what to fix; nothing is published.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a bank's admission (the JSON the hub answered to POST /api/v1/admissions) against the"
          + " broker and the hub, without publishing anything.",
      "Exit codes: 0 every check passed, 1 some failed (each says what to fix), 2 the file is unusable."
    })
public class ReadinessCommand implements Callable<Integer> {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Parameters(index = "0", paramLabel = "ADMISSION", description = "the admission document")
  Path file;

  private PrintStream out = System.out;
  private int failures;

  /** Where the results go; standard out unless a caller chooses. */
  public void setOut(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws InterruptedException {
    JsonNode admission;
    try {
      admission = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      out.println("FAIL  reading " + file + ": " + e.getMessage());
      return 2;
    }
    String nodeId = admission.path("nodeId").asText("");
    JsonNode kafka = admission.path("kafka");
    String hub = admission.path("hub").path("url").asText("");
    if (nodeId.isEmpty() || kafka.path("bootstrapServers").asText("").isEmpty() || hub.isEmpty()) {
      out.println(
          "FAIL  "
              + file
              + " is not an admission document: it needs nodeId, kafka.bootstrapServers and hub.url");
      return 2;
    }
    checkKafka(nodeId, kafka);
    checkHub(nodeId, hub, admission);
    out.println(
        failures == 0
            ? "READY  bank " + nodeId + " passed every check"
            : "NOT READY  bank " + nodeId + ": " + failures + " check(s) failed");
    return failures == 0 ? 0 : 1;
  }

  private void checkKafka(String nodeId, JsonNode kafka) throws InterruptedException {
    String bootstrap = kafka.path("bootstrapServers").asText();
    Optional<String> user = text(kafka, "user");
    KafkaSettings settings =
        new KafkaSettings(
            bootstrap,
            user,
            text(kafka, "password"),
            kafka.path("securityProtocol").asText("SASL_PLAINTEXT"));
    try (Admin admin = settings.admin()) {
      try {
        admin.describeCluster().clusterId().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        result(true, "Kafka login " + user.orElse("(none)") + " at " + bootstrap, "");
      } catch (ExecutionException | TimeoutException e) {
        result(
            false,
            "Kafka login " + user.orElse("(none)") + " at " + bootstrap,
            cause(e)
                + ": check kafka.user and kafka.password, and that this machine reaches "
                + bootstrap);
        return;
      }
      String out = kafka.path("outTopic").asText();
      String in = kafka.path("inTopic").asText();
      Map<String, TopicDescription> topics;
      try {
        topics =
            admin
                .describeTopics(
                    List.of(out, in), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .allTopicNames()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        result(
            false,
            "topics " + out + " and " + in,
            cause(e) + ": ask the federation operator to admit " + nodeId + " again");
        return;
      }
      allowed(topics.get(out), AclOperation.WRITE, "write " + out);
      allowed(topics.get(in), AclOperation.READ, "read " + in);
      String group = kafka.path("consumerGroup").asText("tbx-node-" + nodeId);
      try {
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        result(true, "use consumer group " + group, "");
      } catch (ExecutionException | TimeoutException e) {
        result(false, "use consumer group " + group, cause(e) + ": the group grant is missing");
      }
    } catch (RuntimeException e) {
      result(false, "Kafka client for " + bootstrap, e.getMessage());
    }
  }

  private void allowed(TopicDescription topic, AclOperation operation, String what) {
    Set<AclOperation> ops = topic == null ? null : topic.authorizedOperations();
    boolean ok = ops != null && (ops.contains(operation) || ops.contains(AclOperation.ALL));
    result(
        ok,
        what,
        "the broker does not allow it: ask the federation operator for the grants of PROTOCOL.md"
            + " section 13");
  }

  private void checkHub(String nodeId, String hub, JsonNode admission) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    String pinned = admission.path("hub").path("noticePublicKeyHex").asText("");
    Optional<HttpResponse<String>> key = get(http, hub + "/api/v1/hub/key", null);
    if (key.isEmpty() || key.get().statusCode() != 200) {
      result(false, "hub answers at " + hub, key.map(r -> "HTTP " + r.statusCode()).orElse(""));
      return;
    }
    result(
        key.get().body().contains("\"" + pinned + "\""),
        "the hub signs notices with the pinned key " + abbreviated(pinned),
        "the hub's key differs: set TBX_HUB_PUBLIC_KEY to what GET /api/v1/hub/key shows only"
            + " after the operator confirms it");
    Optional<String> token = text(admission, "token");
    if (token.isEmpty()) {
      result(
          false, "node token", "the admission has none: " + admission.path("tokenNote").asText());
      return;
    }
    Optional<HttpResponse<String>> stream =
        get(http, hub + "/api/v1/nodes/" + nodeId + "/stream", token.get());
    boolean accepted = stream.isPresent() && stream.get().statusCode() == 200;
    result(
        accepted,
        "the hub accepts the node token",
        stream.map(r -> "HTTP " + r.statusCode() + " " + r.body()).orElse(""));
    if (!accepted) {
      return; // the key check needs the token
    }
    Optional<HttpResponse<String>> keys =
        get(http, hub + "/api/v1/nodes/" + nodeId + "/keys", token.get());
    boolean registered =
        keys.isPresent()
            && keys.get().statusCode() == 200
            && keys.get().body().contains("\"revokedAt\":null");
    result(
        registered,
        "a signing key is registered at the hub",
        "start the adapter, then have the operator register its key (GET /api/v1/node shows it;"
            + " POST /api/v1/nodes/"
            + nodeId
            + "/keys)");
  }

  private Optional<HttpResponse<String>> get(HttpClient http, String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      out.println("      " + url + ": " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void result(boolean passed, String what, String fix) {
    if (passed) {
      out.println("PASS  " + what);
    } else {
      failures++;
      out.println("FAIL  " + what + (fix.isEmpty() ? "" : ": " + fix));
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static String cause(Exception e) {
    Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return c.getClass().getSimpleName()
        + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
  }

  private static String abbreviated(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
  }
}
