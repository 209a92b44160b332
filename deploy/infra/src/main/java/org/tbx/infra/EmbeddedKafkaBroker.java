package org.tbx.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** A real single-node KRaft broker (broker and controller in one) running inside this JVM on free ports. */
public final class EmbeddedKafkaBroker implements KafkaService {

  private final Path logDir;
  private final Properties props;
  private final String clusterId;
  private final String bootstrap;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path logDir, Properties props, String clusterId, KafkaRaftServer server, String bootstrap) {
    this.logDir = logDir;
    this.props = props;
    this.clusterId = clusterId;
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /**
   * Formats a fresh log directory, starts the broker and waits until the broker we started answers.
   *
   * @throws IllegalStateException when the broker does not become ready within a minute
   */
  public static EmbeddedKafkaBroker start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("tbx-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Kafka log directory in the temp folder", e);
    }
    int brokerPort = FreePorts.pick();
    int controllerPort = FreePorts.pick();
    String clusterId = Uuid.randomUuid().toString();
    Properties props = brokerProperties(dir, brokerPort, controllerPort);
    Path config = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "tbx embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, quiet);
    if (rc != 0) {
      throw new IllegalStateException("formatting the Kafka log directory " + dir + " failed with code " + rc);
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, props, clusterId, server, bootstrap);
    try {
      awaitOurBroker(bootstrap, clusterId, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  /** Waits until a broker answers on {@code bootstrap} and reports the cluster id we formatted. */
  private static void awaitOurBroker(String bootstrap, String clusterId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    RuntimeException last = null;
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      while (Instant.now().isBefore(deadline)) {
        try {
          String answered = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
          if (clusterId.equals(answered)) {
            return;
          }
          throw new IllegalStateException(
              "another Kafka broker answers on " + bootstrap + " (cluster " + answered + ", expected " + clusterId + ")");
        } catch (IllegalStateException e) {
          throw e;
        } catch (Exception e) {
          last = new IllegalStateException(e);
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw last;
          }
        }
      }
    }
    throw new IllegalStateException("the embedded Kafka broker on " + bootstrap + " did not become ready in " + timeout, last);
  }

  @Override
  public String bootstrapServers() {
    return bootstrap;
  }

  @Override
  public String description() {
    return "embedded Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (KRaft) at " + bootstrap;
  }

  /** Stops the broker as an outage would, keeping its data and ports for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the stopped broker again on the same ports with the same data, and waits until it answers. */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    server.startup();
    awaitOurBroker(bootstrap, clusterId, Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      Directories.deleteQuietly(logDir);
    }
  }
}
