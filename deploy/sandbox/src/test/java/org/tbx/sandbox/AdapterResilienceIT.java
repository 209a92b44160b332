package org.tbx.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbx.infra.EmbeddedKafkaBroker;
import org.tbx.infra.EmbeddedPostgresServer;
import org.tbx.infra.FreePorts;
import org.tbx.infra.KafkaAccess;
import org.tbx.infra.KafkaCredentials;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.NodeEvent;

/**
 * A real adapter process against a real broker and database: records accepted while Kafka is down
 * are published in order and once when it returns, and the same adapter, killed while publishing,
 * loses and duplicates nothing after it restarts.
 */
class AdapterResilienceIT {

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
  private static final Duration WAIT = Duration.ofSeconds(120);

  private static EmbeddedPostgresServer postgres;
  private static EmbeddedKafkaBroker kafka;
  private static Path logs;
  private static SandboxTokens tokens;
  private static KafkaAccess access;

  /** Adapter URL to the token of its bank. */
  private static final Map<String, String> tokenOf = new ConcurrentHashMap<>();

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void infrastructure() throws Exception {
    postgres = EmbeddedPostgresServer.start();
    kafka = EmbeddedKafkaBroker.start();
    tokens = SandboxTokens.in(Files.createTempDirectory("tbx-it-keys"));
    access = new KafkaAccess(kafka);
    logs = Files.createDirectories(Path.of("target/logs"));
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /**
   * One adapter's life (its start is the slow part, so both faults share it): records taken while
   * Kafka is down are published in order and once when it returns; then the adapter is killed while
   * publishing, at the worst moment, and its successor loses and duplicates nothing.
   */
  @Test
  void anAdapterKeepsRecordsThroughAKafkaOutageAndLosesNothingWhenKilledWhilePublishing()
      throws Exception {
    String node = "outage-bank";
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try (AppProcess first = adapter(node, node + "-1")) {
      for (int i = 0; i < 5; i++) {
        events.add(record(first, "v-before-" + i));
      }
      awaitPublished(first, events);

      kafka.stop();
      List<String> during = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        during.add(record(first, "v-during-" + i));
      }
      AppProcess.pause(Duration.ofMillis(1500));
      for (String id : during) {
        assertTrue(
            status(first, id).contains("\"status\":\"PENDING\""),
            "not published while Kafka is down");
      }
      kafka.restart();
      events.addAll(during);
      awaitPublished(first, events);
      assertExactlyOnceInOrder(node, events);

      long published = topicEnd(node);
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer =
          new Thread(
              () -> {
                int i = 0;
                while (writing.get()) {
                  try {
                    events.add(record(first, "v-crash-" + i++));
                  } catch (Exception e) {
                    return; // the adapter was killed: this record was never accepted
                  }
                }
              });
      writer.start();
      await().atMost(WAIT).until(() -> topicEnd(node) > published && events.size() > 195);
      first.kill();
      writing.set(false);
      writer.join();
    }
    int acceptedBeforeCrash = events.size();
    // The worst moment to die: Kafka acknowledged the last batches but the adapter had not yet
    // noted it.
    int forgotten;
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement s = c.createStatement()) {
      forgotten =
          s.executeUpdate(
              "update outage_bank.outbox_batch set published_at = null, kafka_offset = null where id in "
                  + "(select id from outage_bank.outbox_batch where published_at is not null order by id desc limit 3)");
    }
    assertTrue(forgotten > 0, "some batches had been published before the crash");

    try (AppProcess second = adapter(node, node + "-2")) {
      awaitPublished(second, events);
      assertExactlyOnceInOrder(node, events);
      assertEquals(acceptedBeforeCrash, events.size());
    }
  }

  @Test
  void anAdapterWithMissingOrWrongSettingsSaysWhatToFixInsteadOfAStackTrace() throws Exception {
    Path jar =
        Path.of("../../node-adapter/target/quarkus-app/quarkus-run.jar")
            .toAbsolutePath()
            .normalize();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // lives for a second: the client compiler alone
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("TBX_"));
    builder.environment().put("TBX_NODE_ID", "Bad Id");
    builder.environment().put("TBX_HUB_URL", "hub.example");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor());
    assertTrue(out.contains("TBX_NODE_ID is not usable"), out);
    assertTrue(out.contains("TBX_KAFKA_BOOTSTRAP is not set"), out);
    assertTrue(out.contains("TBX_DB_URL is not set"), out);
    assertTrue(out.contains("TBX_HUB_URL must be an http:// or https:// URL"), out);
    assertTrue(out.contains("TBX_JWT_PUBLIC_KEY is not set"), out);
    assertTrue(out.contains("TBX_HUB_TOKEN is not set"), out);
    assertTrue(!out.contains("Exception") && !out.contains("\tat "), "no stack trace: " + out);

    builder.environment().put("TBX_NODE_ID", "fine-bank");
    builder.environment().remove("TBX_HUB_URL");
    builder.environment().put("TBX_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    builder.environment().put("TBX_JWT_PUBLIC_KEY", tokens.verifyKey().toString());
    builder
        .environment()
        .put("TBX_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePorts.pick() + "/nothing");
    p = builder.start();
    out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor());
    assertTrue(out.contains("cannot connect to the database at TBX_DB_URL="), out);
  }

  @Test
  void aHubWithoutATokenKeySaysWhichVariableToSet() throws Exception {
    Path jar = Path.of("../../hub/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // lives for a second: the client compiler alone
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("TBX_"));
    builder.environment().put("TBX_HTTP_PORT", Integer.toString(FreePorts.pick()));
    builder.environment().put("TBX_DB_URL", postgres.jdbcUrl());
    builder.environment().put("TBX_DB_USER", postgres.username());
    builder.environment().put("TBX_DB_PASSWORD", postgres.password());
    builder.environment().put("TBX_DB_SCHEMA", "hub_without_key");
    builder.environment().put("TBX_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(p.exitValue() != 0, "the hub does not start without a token key");
    assertTrue(out.contains("TBX_JWT_PUBLIC_KEY is not set"), out);
  }

  private AppProcess adapter(String node, String name) {
    Map<String, String> env = new HashMap<>();
    env.put("TBX_NODE_ID", node);
    env.put("TBX_DB_URL", postgres.jdbcUrl());
    env.put("TBX_DB_USER", postgres.username());
    env.put("TBX_DB_PASSWORD", postgres.password());
    env.put("TBX_DB_SCHEMA", node.replace('-', '_'));
    env.put("TBX_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("TBX_JWT_PUBLIC_KEY", tokens.verifyKey().toString());
    KafkaCredentials login = access.bank(node);
    env.put("TBX_KAFKA_USER", login.user());
    env.put("TBX_KAFKA_PASSWORD", login.password());
    AppProcess adapter =
        AppProcess.start(
            name,
            Path.of("../../node-adapter/target/quarkus-app/quarkus-run.jar")
                .toAbsolutePath()
                .normalize(),
            FreePorts.pick(),
            env,
            logs);
    tokenOf.put(adapter.url(), tokens.node(node));
    adapter.awaitReady(Duration.ofSeconds(90));
    return adapter;
  }

  private String record(AppProcess adapter, String volunteer) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(adapter.url() + "/api/v1/service-records"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + tokenOf.get(adapter.url()))
                .timeout(Duration.ofSeconds(10))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"volunteerId\":\""
                            + volunteer
                            + "\",\"serviceCategory\":\"MEAL_ASSIST\","
                            + "\"recipientRef\":\"elder-1\",\"startedAt\":\"2026-11-28T09:30:00Z\",\"minutes\":30}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    Matcher m = EVENT_ID.matcher(response.body());
    assertTrue(m.find(), response.body());
    return m.group(1);
  }

  private String status(AppProcess adapter, String eventId) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(adapter.url() + "/api/v1/submissions/" + eventId))
                .header("Authorization", "Bearer " + tokenOf.get(adapter.url()))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private void awaitPublished(AppProcess adapter, List<String> eventIds) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String id : List.copyOf(eventIds)) {
                String body = status(adapter, id);
                assertTrue(body.contains("\"status\":\"PUBLISHED\""), id + ": " + body);
              }
            });
  }

  private long topicEnd(String node) {
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      TopicPartition p = new TopicPartition(Topics.nodeOut(node), 0);
      return c.endOffsets(List.of(p), Duration.ofSeconds(5)).getOrDefault(p, 0L);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Reads the node's whole topic: sequences run 1, 2, 3 ... without a gap or a repeat, carrying
   * exactly these events.
   */
  private void assertExactlyOnceInOrder(String node, List<String> eventIds) throws Exception {
    List<NodeEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      TopicPartition p = new TopicPartition(Topics.nodeOut(node), 0);
      c.assign(List.of(p));
      c.seekToBeginning(List.of(p));
      long end = c.endOffsets(List.of(p)).get(p);
      while (c.position(p) < end) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          events.addAll(BatchCodec.open(r.value()).batch().getEvents());
        }
      }
    }
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1L, events.get(i).getSequence(), "sequence at position " + i);
    }
    Set<String> published = new HashSet<>();
    events.forEach(
        e -> assertTrue(published.add(e.getEventId()), "published twice: " + e.getEventId()));
    // The adapter adds its own scheduled balance statements (the first one 10 s after it starts):
    // not records.
    events.stream()
        .filter(e -> e.getPayload() instanceof BalanceStatement)
        .forEach(e -> published.remove(e.getEventId()));
    assertTrue(published.containsAll(eventIds), "every accepted record is published");
    // A request in flight when the adapter died may have been committed without its answer reaching
    // us.
    assertTrue(
        published.size() - eventIds.size() <= 1,
        published.size() + " published, " + eventIds.size() + " accepted");
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = kafka.superUserClientConfig();
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
