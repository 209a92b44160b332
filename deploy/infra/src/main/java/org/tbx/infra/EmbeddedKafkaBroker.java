package org.tbx.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
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
 * A real KRaft broker (broker and controller in one) running inside this JVM on free ports, or a
 * cluster of several such nodes (replication factor 3 and {@code min.insync.replicas} 2 from three
 * nodes on). Clients log in with SASL/SCRAM-SHA-256 and are held to ACLs ({@link KafkaAccess}); the
 * super user {@code admin} gets a password made at start. The controller listeners are plain and
 * bound to the loopback interface. The nodes run inside this JVM, or each as a process of its own
 * ({@link #startProcesses}) that can be killed with SIGKILL.
 */
public final class EmbeddedKafkaBroker implements KafkaService {

  private final Path logDir;
  private final List<Properties> props;
  private final String clusterId;
  private final String bootstrap;
  private final KafkaCredentials superUser;
  private final KafkaRaftServer[] servers;

  /** Whether each node runs as a process of its own ({@link #startProcesses}). */
  private final boolean asProcesses;

  private final Process[] processes;

  private EmbeddedKafkaBroker(
      Path logDir,
      List<Properties> props,
      String clusterId,
      String bootstrap,
      KafkaCredentials superUser,
      boolean asProcesses) {
    this.superUser = superUser;
    this.asProcesses = asProcesses;
    this.processes = new Process[props.size()];
    this.logDir = logDir;
    this.props = props;
    this.clusterId = clusterId;
    this.servers = new KafkaRaftServer[props.size()];
    this.bootstrap = bootstrap;
  }

  /**
   * Formats a fresh log directory, starts one broker and waits until the broker we started answers.
   *
   * @throws IllegalStateException when the broker does not become ready within a minute
   */
  public static EmbeddedKafkaBroker start() {
    return start(1);
  }

  /**
   * Formats a log directory per node, starts {@code nodes} brokers, each also a controller voter,
   * and waits until all of them are in the cluster.
   *
   * @throws IllegalStateException when the cluster does not become ready within a minute
   */
  public static EmbeddedKafkaBroker start(int nodes) {
    return start(nodes, false);
  }

  /**
   * As {@link #start(int)}, but each node runs as a process of its own (this JVM's class path), so
   * that {@link #kill} can end it with SIGKILL; its output goes to {@code node.log} in its
   * directory.
   */
  public static EmbeddedKafkaBroker startProcesses(int nodes) {
    return start(nodes, true);
  }

  private static EmbeddedKafkaBroker start(int nodes, boolean asProcesses) {
    Path dir;
    try {
      dir = Files.createTempDirectory("tbx-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Kafka log directory in the temp folder", e);
    }
    int[] brokerPorts = new int[nodes];
    StringJoiner voters = new StringJoiner(",");
    StringJoiner bootstrap = new StringJoiner(",");
    int[] controllerPorts = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      brokerPorts[n] = FreePorts.pick();
      controllerPorts[n] = FreePorts.pick();
      voters.add((n + 1) + "@127.0.0.1:" + controllerPorts[n]);
      bootstrap.add("127.0.0.1:" + brokerPorts[n]);
    }
    String clusterId = Uuid.randomUuid().toString();
    KafkaCredentials admin = new KafkaCredentials("admin", KafkaCredentials.newPassword());
    List<Properties> props = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      Path nodeDir = nodes == 1 ? dir : dir.resolve("node-" + (n + 1));
      Properties p =
          brokerProperties(
              nodeDir, n + 1, nodes, brokerPorts[n], controllerPorts[n], voters.toString(), admin);
      format(nodeDir, p, clusterId, admin);
      props.add(p);
    }
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(dir, props, clusterId, bootstrap.toString(), admin, asProcesses);
    try {
      broker.startAll();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private static void format(Path dir, Properties props, String clusterId, KafkaCredentials admin) {
    Path config = dir.resolve("server.properties");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "tbx embedded broker");
      }
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
  }

  /** Starts every stopped node at once (a node waits for a quorum of controllers) and waits. */
  private synchronized void startAll() {
    List<Thread> starting = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (int n = 0; n < servers.length; n++) {
      int node = n;
      Runnable work;
      if (asProcesses && processes[n] == null) {
        work =
            () -> {
              Process process = launch(node);
              synchronized (processes) {
                processes[node] = process;
              }
            };
      } else if (!asProcesses && servers[n] == null) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props.get(n)), Time.SYSTEM);
        servers[n] = server;
        work = server::startup;
      } else {
        continue;
      }
      Thread t =
          new Thread(
              () -> {
                try {
                  work.run();
                } catch (RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "kafka-node-" + (n + 1) + "-start");
      t.start();
      starting.add(t);
    }
    for (Thread t : starting) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Kafka started", e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a Kafka node did not start", failures.get(0));
    }
    awaitOurBroker(bootstrap, clusterId, superUser, servers.length, Duration.ofSeconds(60));
  }

  /**
   * Starts a node as a process and waits until it says it started (KRaft's start-up returns once
   * the broker has caught up with the cluster's metadata).
   */
  private Process launch(int node) {
    Path dir = Path.of(props.get(node).getProperty("log.dirs")).getParent();
    Path log = dir.resolve("node.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    String extra = System.getenv().getOrDefault("TBX_SANDBOX_JVM_OPTIONS", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            KafkaNodeProcess.class.getName(),
            dir.resolve("server.properties").toString()));
    try {
      long before = Files.exists(log) ? Files.size(log) : 0;
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      String started = KafkaNodeProcess.STARTED + props.get(node).getProperty("node.id");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
          .substring((int) before)
          .contains(started)) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Kafka node " + (node + 1) + " did not start as a process; see " + log);
        }
        Thread.sleep(50);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka node " + (node + 1) + " as a process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Kafka node " + (node + 1) + " started", e);
    }
  }

  private static Properties brokerProperties(
      Path dir,
      int nodeId,
      int nodes,
      int brokerPort,
      int controllerPort,
      String voters,
      KafkaCredentials admin) {
    String replicas = Integer.toString(Math.min(3, nodes));
    String minInSync = nodes >= 3 ? "2" : "1";
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", voters);
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
    // The controller listener is plain: its callers (the brokers) are ANONYMOUS and must be
    // trusted. It listens on the loopback interface only; a networked cluster secures it with TLS
    // or SASL instead (deploy/README.md).
    p.put("super.users", "User:" + admin.user() + ";User:ANONYMOUS");
    p.put("allow.everyone.if.no.acl.found", "false");
    p.put("log.dirs", dir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", replicas);
    p.put("min.insync.replicas", minInSync);
    p.put("offsets.topic.replication.factor", replicas);
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", minInSync);
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", minInSync);
    p.put("group.initial.rebalance.delay.ms", "0");
    if (nodes > 1) {
      // Nodes on one machine's loopback: a restarted node registers, catches up and is unfenced
      // in about a second instead of waiting out heartbeats and sessions sized for a network.
      p.put("broker.heartbeat.interval.ms", "500");
      p.put("broker.session.timeout.ms", "3000");
      p.put("controller.quorum.fetch.timeout.ms", "1000");
      p.put("controller.quorum.election.timeout.ms", "500");
    }
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  /** Waits until a broker answers on {@code bootstrap} and reports the cluster id we formatted. */
  private static void awaitOurBroker(
      String bootstrap, String clusterId, KafkaCredentials admin, int nodes, Duration timeout) {
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
            if (client.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= nodes) {
              return;
            }
            Thread.sleep(100);
            continue;
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
    return "embedded Kafka "
        + AppInfoParser.getVersion()
        + " (KRaft"
        + (servers.length > 1 ? ", " + servers.length + " nodes" : "")
        + (asProcesses ? ", each its own process" : "")
        + ") at "
        + bootstrap;
  }

  /**
   * @return how many nodes the cluster has
   */
  public int nodes() {
    return servers.length;
  }

  /** Stops every node as an outage would, keeping their data and ports for {@link #restart()}. */
  public synchronized void stop() {
    List<Integer> all = new ArrayList<>();
    for (int n = 0; n < servers.length; n++) {
      all.add(n);
    }
    stopTogether(all);
  }

  /**
   * Stops several nodes (0-based) at once, as losing them together would: stopped one after the
   * other, a node stopped after the quorum was lost would wait for it.
   */
  public void stopTogether(List<Integer> nodes) {
    List<Thread> stopping = new ArrayList<>();
    for (int node : nodes) {
      Thread t = new Thread(() -> stop(node), "kafka-node-" + (node + 1) + "-stop");
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops one node (0-based) as losing it would, keeping its data and ports; the others go on. */
  public void stop(int node) {
    if (asProcesses) {
      end(node, false);
      return;
    }
    KafkaRaftServer server;
    synchronized (servers) {
      server = servers[node];
      servers[node] = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  /**
   * Loses nodes (0-based) at once: killed with SIGKILL when they run as processes, else stopped (a
   * controlled shutdown inside this JVM).
   */
  public void lose(List<Integer> nodes) {
    if (asProcesses) {
      nodes.forEach(this::kill);
    } else {
      stopTogether(nodes);
    }
  }

  /**
   * @return whether the nodes run as processes of their own ({@link #startProcesses})
   */
  public boolean runsAsProcesses() {
    return asProcesses;
  }

  /**
   * Kills a node (0-based) with SIGKILL, as a crash of its machine would: no controlled shutdown,
   * its logs recovered when it starts again. Only for nodes running as processes.
   */
  public void kill(int node) {
    if (!asProcesses) {
      throw new IllegalStateException(
          "only a node running as its own process can be killed (startProcesses)");
    }
    end(node, true);
  }

  private void end(int node, boolean kill) {
    Process process;
    synchronized (processes) {
      process = processes[node];
      processes[node] = null;
    }
    if (process != null) {
      if (kill) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts every stopped node again on the same ports with the same data, and waits until the whole
   * cluster answers.
   */
  public synchronized void restart() {
    startAll();
  }

  @Override
  public void close() {
    try {
      if (asProcesses) {
        // Their data goes with them: no need for an orderly shutdown, which waits for a quorum.
        for (int n = 0; n < processes.length; n++) {
          end(n, true);
        }
      } else {
        stop();
      }
    } finally {
      Directories.deleteQuietly(logDir);
    }
  }
}
