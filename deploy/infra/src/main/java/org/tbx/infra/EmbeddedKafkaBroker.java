package org.tbx.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.tbx.protocol.auth.KafkaLogin;

/**
 * A real single-node KRaft broker (broker and controller in one) running inside this JVM on free
 * ports. Clients log in with SASL/SCRAM-SHA-256 and are held to ACLs ({@link KafkaAccess}); the
 * super user {@code admin} gets a password made at start. The controller listener is plain and
 * bound to the loopback interface.
 */
public final class EmbeddedKafkaBroker implements KafkaService {

  private final Path logDir;
  private final Properties props;
  private final String clusterId;
  private final String bootstrap;
  private final KafkaCredentials superUser;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Path logDir,
      Properties props,
      String clusterId,
      KafkaRaftServer server,
      String bootstrap,
      KafkaCredentials superUser) {
    this.superUser = superUser;
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
    KafkaCredentials admin = new KafkaCredentials("admin", KafkaCredentials.newPassword());
    Properties props = brokerProperties(dir, brokerPort, controllerPort, admin);
    Path config = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "tbx embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int rc =
        StorageTool.execute(
            new String[] {
              "format",
              "-t",
              clusterId,
              "-c",
              config.toString(),
              "--add-scram",
              "SCRAM-SHA-256=[name=" + admin.user() + ",password=" + admin.password() + "]"
            },
            quiet);
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting the Kafka log directory " + dir + " failed with code " + rc);
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(dir, props, clusterId, server, bootstrap, admin);
    try {
      awaitOurBroker(bootstrap, clusterId, admin, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private static Properties brokerProperties(
      Path dir, int brokerPort, int controllerPort, KafkaCredentials admin) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
    p.put("sasl.enabled.mechanisms", KafkaLogin.MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", KafkaLogin.MECHANISM);
    p.put(
        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
        KafkaLogin.properties(admin.user(), admin.password(), "SASL_PLAINTEXT")
            .get("sasl.jaas.config"));
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The controller listener is plain: its callers (this broker) are ANONYMOUS and must be
    // trusted. It listens
    // on the loopback interface only; a networked cluster secures it with TLS or SASL instead
    // (deploy/README.md).
    p.put("super.users", "User:" + admin.user() + ";User:ANONYMOUS");
    p.put("allow.everyone.if.no.acl.found", "false");
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
  private static void awaitOurBroker(
      String bootstrap, String clusterId, KafkaCredentials admin, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    RuntimeException last = null;
    Map<String, Object> config = new HashMap<>(admin.clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin client = Admin.create(config)) {
      while (Instant.now().isBefore(deadline)) {
        try {
          String answered = client.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
          if (clusterId.equals(answered)) {
            return;
          }
          throw new IllegalStateException(
              "another Kafka broker answers on "
                  + bootstrap
                  + " (cluster "
                  + answered
                  + ", expected "
                  + clusterId
                  + ")");
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
    throw new IllegalStateException(
        "the embedded Kafka broker on " + bootstrap + " did not become ready in " + timeout, last);
  }

  @Override
  public String bootstrapServers() {
    return bootstrap;
  }

  @Override
  public Optional<KafkaCredentials> superUser() {
    return Optional.of(superUser);
  }

  @Override
  public String description() {
    return "embedded Kafka " + AppInfoParser.getVersion() + " (KRaft) at " + bootstrap;
  }

  /** Stops the broker as an outage would, keeping its data and ports for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /**
   * Starts the stopped broker again on the same ports with the same data, and waits until it
   * answers.
   */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    server.startup();
    awaitOurBroker(bootstrap, clusterId, superUser, Duration.ofSeconds(60));
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
