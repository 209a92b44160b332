package org.tbx.infra;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tbx.protocol.Topics;

/**
 * The embedded broker's logins and ACLs, with real clients: each bank writes only its own {@code
 * .out} and reads only its own topics; the hub reads every {@code .out} and writes every {@code
 * .in}; a wrong password gets no further than the login.
 */
class KafkaAccessTest {

  private static EmbeddedKafkaBroker broker;
  private static KafkaCredentials hub;
  private static KafkaCredentials guilin;
  private static KafkaCredentials beihai;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    KafkaAccess access = new KafkaAccess(broker);
    hub = access.hub("tbx-hub");
    guilin = access.bank("guilin");
    beihai = access.bank("beihai");
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void aBankWritesOnlyItsOwnOutTopic() throws Exception {
    send(guilin, Topics.nodeOut("guilin"));
    assertDenied(() -> send(guilin, Topics.nodeOut("beihai")));
    assertDenied(() -> send(guilin, Topics.nodeIn("guilin")));
    assertDenied(() -> send(guilin, Topics.nodeIn("beihai")));
  }

  @Test
  void aBankReadsOnlyItsOwnTopics() {
    read(guilin, Topics.nodeIn("guilin"));
    read(guilin, Topics.nodeOut("guilin"));
    assertDenied(() -> read(guilin, Topics.nodeIn("beihai")));
    assertDenied(() -> read(guilin, Topics.nodeOut("beihai")));
  }

  @Test
  void theHubReadsEveryOutTopicAndWritesEveryInTopicButNothingElse() throws Exception {
    send(beihai, Topics.nodeOut("beihai"));
    read(hub, Topics.nodeOut("guilin"));
    read(hub, Topics.nodeOut("beihai"));
    send(hub, Topics.nodeIn("guilin"));
    send(hub, Topics.nodeIn("beihai"));
    assertDenied(() -> send(hub, Topics.nodeOut("guilin")));
  }

  @Test
  void aWrongPasswordIsRefusedAtLogin() {
    KafkaCredentials impostor = new KafkaCredentials(guilin.user(), "not-the-password");
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> send(impostor, Topics.nodeOut("guilin")));
    assertInstanceOf(SaslAuthenticationException.class, e.getCause());
  }

  private static void send(KafkaCredentials login, String topic) throws Exception {
    Map<String, Object> config = config(login);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get();
    }
  }

  private static void read(KafkaCredentials login, String topic) {
    Map<String, Object> config = config(login);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      consumer.poll(Duration.ofSeconds(2));
      assertTrue(consumer.position(partition) >= 0, "read " + topic);
    }
  }

  private static Map<String, Object> config(KafkaCredentials login) {
    Map<String, Object> config = new HashMap<>(login.clientProperties());
    config.put("bootstrap.servers", broker.bootstrapServers());
    return config;
  }

  /** The broker refuses with an authorization error, however the client wraps it. */
  private static void assertDenied(Executable action) {
    Throwable thrown = assertThrows(Exception.class, action);
    Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    assertInstanceOf(
        TopicAuthorizationException.class, cause, "expected an authorization error, got " + thrown);
  }
}
