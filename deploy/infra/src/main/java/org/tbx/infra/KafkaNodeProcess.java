package org.tbx.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One KRaft node of an {@link EmbeddedKafkaBroker} cluster as a process of its own, so that it can
 * be killed with SIGKILL: {@code java KafkaNodeProcess <server.properties>}. SIGTERM shuts it down
 * in order; it halts when its parent's end of standard input closes (the parent is gone).
 */
public final class KafkaNodeProcess {

  /** What the node prints once started, followed by its node id. */
  static final String STARTED = "tbx kafka node started: ";

  private KafkaNodeProcess() {}

  public static void main(String[] args) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      props.load(in);
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  server.awaitShutdown();
                },
                "kafka-node-shutdown"));
    Thread orphan =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // the parent writes nothing; end of input means it is gone
                }
              } catch (IOException e) {
                // the same: the parent is gone
              }
              Runtime.getRuntime().halt(3);
            },
            "kafka-node-parent-watch");
    orphan.setDaemon(true);
    orphan.start();
    server.startup();
    System.out.println(STARTED + props.getProperty("node.id"));
    System.out.flush();
    server.awaitShutdown();
  }
}
