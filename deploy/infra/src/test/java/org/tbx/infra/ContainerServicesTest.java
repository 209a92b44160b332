package org.tbx.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Where a Docker engine answers, the infrastructure comes from Testcontainers: PostgreSQL answers
 * SQL and Kafka carries a record there and back. Where none answers (these build machines), the
 * test is skipped and says so; the embedded servers are used instead.
 */
class ContainerServicesTest {

  @Test
  void containersServeSqlAndCarryAKafkaRecordWhereDockerAnswers() throws Exception {
    assumeTrue(
        ContainerServices.dockerAvailable(),
        "no Docker engine answers on this machine: the Testcontainers path is not run here (it was"
            + " never run on the project's build machines); embedded servers are used instead");
    try (PostgresService postgres = ContainerServices.postgres();
        Connection db =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select 40 + 2")) {
      rs.next();
      assertEquals(42, rs.getInt(1));
    }
    try (KafkaService kafka = ContainerServices.kafka()) {
      Map<String, Object> config = kafka.superUserClientConfig();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("tbx.container.check", "k", "hello")).get();
      }
      config.put("group.id", "container-check");
      config.put("auto.offset.reset", "earliest");
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("tbx.container.check"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String got = null;
        while (got == null && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            got = r.value();
          }
        }
        assertEquals("hello", got, "the record came back from the container");
      }
    }
  }
}
