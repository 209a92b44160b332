package org.tbx.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tbx.infra.FreePorts;
import org.tbx.infra.Infrastructure;
import org.tbx.infra.KafkaAccess;
import org.tbx.infra.KafkaCredentials;

/**
 * The hub and one adapter per bank, each a real process on its own free port, on shared
 * infrastructure. When Kafka has authentication (the embedded broker always has), each process logs
 * in as its own principal with only the access {@link KafkaAccess} grants it; every API call
 * carries a token from {@link SandboxTokens}.
 */
final class Federation implements AutoCloseable {

  private final AppProcess hub;
  private final List<AppProcess> adapters;
  private final SandboxTokens tokens;

  private Federation(AppProcess hub, List<AppProcess> adapters, SandboxTokens tokens) {
    this.hub = hub;
    this.adapters = adapters;
    this.tokens = tokens;
  }

  /**
   * Starts the processes and waits until every one is ready; stops them all if one fails.
   *
   * @param home the repository root, holding the built {@code hub} and {@code node-adapter}
   * @param nodeIds one adapter per node id
   */
  static Federation start(
      Path home,
      Infrastructure infra,
      SandboxTokens tokens,
      List<String> nodeIds,
      Path logDir,
      Duration timeout,
      Consumer<String> progress) {
    List<AppProcess> started = new ArrayList<>();
    Optional<KafkaAccess> access =
        infra.kafka().superUser().map(u -> new KafkaAccess(infra.kafka()));
    try {
      Map<String, String> hubEnv = env(infra, tokens, "tbx_hub");
      access.ifPresent(a -> login(hubEnv, a.hub("tbx-hub")));
      AppProcess hub =
          AppProcess.start(
              "hub",
              home.resolve("hub/target/quarkus-app/quarkus-run.jar"),
              FreePorts.pick(),
              hubEnv,
              logDir);
      started.add(hub);
      progress.accept("started the hub; waiting until it is ready (logs in " + logDir + ")");
      hub.awaitReady(timeout);
      progress.accept("hub is ready at " + hub.url());
      // Adapters verify the hub's notices with its public key, which the hub generates on first
      // start.
      String hubKey = new DemoTraffic(tokens).hubPublicKey(hub);
      List<AppProcess> adapters = new ArrayList<>();
      for (String nodeId : nodeIds) {
        Map<String, String> env = env(infra, tokens, "tbx_node_" + nodeId.replace('-', '_'));
        access.ifPresent(a -> login(env, a.bank(nodeId)));
        env.put("TBX_NODE_ID", nodeId);
        env.put("TBX_HUB_TOKEN", tokens.node(nodeId));
        env.put("TBX_VOLUNTEER_ID_KEY", tokens.volunteerIdKey());
        env.put("TBX_HUB_PUBLIC_KEY", hubKey);
        env.put("TBX_HUB_URL", hub.url());
        AppProcess adapter =
            AppProcess.start(
                nodeId,
                home.resolve("node-adapter/target/quarkus-app/quarkus-run.jar"),
                FreePorts.pick(),
                env,
                logDir);
        started.add(adapter);
        adapters.add(adapter);
      }
      progress.accept("started " + adapters.size() + " adapters; waiting until they are ready");
      for (AppProcess p : adapters) {
        p.awaitReady(timeout);
        progress.accept(p.name() + " is ready at " + p.url());
      }
      if (access.isPresent()) {
        progress.accept("Kafka: the hub and each bank log in as their own principal, held to ACLs");
      }
      return new Federation(hub, adapters, tokens);
    } catch (RuntimeException e) {
      started.forEach(AppProcess::close);
      throw e;
    }
  }

  private static void login(Map<String, String> env, KafkaCredentials login) {
    env.put("TBX_KAFKA_USER", login.user());
    env.put("TBX_KAFKA_PASSWORD", login.password());
  }

  private static Map<String, String> env(
      Infrastructure infra, SandboxTokens tokens, String schema) {
    Map<String, String> env = new HashMap<>();
    env.put("TBX_DB_URL", infra.postgres().jdbcUrl());
    env.put("TBX_DB_USER", infra.postgres().username());
    env.put("TBX_DB_PASSWORD", infra.postgres().password());
    env.put("TBX_DB_SCHEMA", schema);
    env.put("TBX_KAFKA_BOOTSTRAP", infra.kafka().bootstrapServers());
    env.put("TBX_JWT_PUBLIC_KEY", tokens.verifyKey().toString());
    return env;
  }

  AppProcess hub() {
    return hub;
  }

  List<AppProcess> adapters() {
    return adapters;
  }

  SandboxTokens tokens() {
    return tokens;
  }

  /** Stops every process, adapters first, and waits for each to exit. */
  @Override
  public void close() {
    adapters.parallelStream().forEach(AppProcess::close);
    hub.close();
  }
}
