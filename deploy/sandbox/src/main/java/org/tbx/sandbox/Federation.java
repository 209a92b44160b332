package org.tbx.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tbx.infra.FreePorts;
import org.tbx.infra.Infrastructure;
import org.tbx.infra.KafkaAccess;
import org.tbx.infra.KafkaCredentials;

/**
 * The hub and one adapter per bank, each a real process on its own free port, on shared
 * infrastructure. When Kafka has authentication (the embedded broker always has), each process logs
 * in as its own principal with only the access it was granted (the hub's by {@link KafkaAccess},
 * each bank's by its admission at the hub); every API call carries a token from {@link
 * SandboxTokens}.
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
   * {@link #start(Path, Infrastructure, SandboxTokens, List, Path, Duration, Consumer, Consumer)}
   */
  static Federation start(
      Path home,
      Infrastructure infra,
      SandboxTokens tokens,
      List<String> nodeIds,
      Path logDir,
      Duration timeout,
      Consumer<String> progress) {
    return start(home, infra, tokens, nodeIds, logDir, timeout, progress, p -> {});
  }

  /**
   * Starts the processes and waits until every one is ready; stops them all if one fails. Each bank
   * is admitted through the hub's one-step admission (its Kafka login, topics, ACLs and token) and
   * its adapter started with what the admission answered, kept in {@code admissions/<node>.json}.
   *
   * @param home the repository root, holding the built {@code hub} and {@code node-adapter}
   * @param nodeIds one adapter per node id
   * @param started told of each process as it starts, so a stop during start-up finds it; it may
   *     refuse (throw) when the sandbox is stopping
   */
  static Federation start(
      Path home,
      Infrastructure infra,
      SandboxTokens tokens,
      List<String> nodeIds,
      Path logDir,
      Duration timeout,
      Consumer<String> progress,
      Consumer<AppProcess> started) {
    List<AppProcess> ours = new ArrayList<>();
    Consumer<AppProcess> track =
        p -> {
          ours.add(p);
          started.accept(p);
        };
    try {
      Map<String, String> hubEnv = env(infra, tokens, "tbx_hub");
      hubEnv.put("TBX_TOKEN_SIGNING_KEY", tokens.signingKeyFile().toString());
      infra
          .kafka()
          .superUser()
          .ifPresent(
              admin -> {
                login(hubEnv, new KafkaAccess(infra.kafka()).hub("tbx-hub"));
                hubEnv.put("TBX_KAFKA_ADMIN_USER", admin.user());
                hubEnv.put("TBX_KAFKA_ADMIN_PASSWORD", admin.password());
              });
      AppProcess hub =
          AppProcess.start(
              "hub",
              home.resolve("hub/target/quarkus-app/quarkus-run.jar"),
              FreePorts.pick(),
              hubEnv,
              logDir);
      track.accept(hub);
      progress.accept("started the hub; waiting until it is ready (logs in " + logDir + ")");
      hub.awaitReady(timeout);
      progress.accept("hub is ready at " + hub.url());
      DemoTraffic traffic = new DemoTraffic(tokens);
      Path admissions = logDir.resolveSibling("admissions");
      List<AppProcess> adapters = new ArrayList<>();
      for (String nodeId : nodeIds) {
        Path file = admissions.resolve(nodeId + ".json");
        Map<String, String> env = env(infra, tokens, "tbx_node_" + nodeId.replace('-', '_'));
        env.putAll(traffic.admit(hub, nodeId, file));
        env.put("TBX_VOLUNTEER_ID_KEY", tokens.volunteerIdKey());
        progress.accept("admitted " + nodeId + " through the hub; what it was given: " + file);
        AppProcess adapter =
            AppProcess.start(
                nodeId,
                home.resolve("node-adapter/target/quarkus-app/quarkus-run.jar"),
                FreePorts.pick(),
                env,
                logDir);
        track.accept(adapter);
        adapters.add(adapter);
      }
      progress.accept("started " + adapters.size() + " adapters; waiting until they are ready");
      for (AppProcess p : adapters) {
        p.awaitReady(timeout);
        progress.accept(p.name() + " is ready at " + p.url());
      }
      if (infra.kafka().superUser().isPresent()) {
        progress.accept("Kafka: the hub and each bank log in as their own principal, held to ACLs");
      }
      return new Federation(hub, adapters, tokens);
    } catch (RuntimeException e) {
      for (int i = ours.size() - 1; i >= 0; i--) {
        ours.get(i).close();
      }
      throw e;
    }
  }

  /** Puts a Kafka login in an application's environment. */
  static void login(Map<String, String> env, KafkaCredentials login) {
    env.put("TBX_KAFKA_USER", login.user());
    env.put("TBX_KAFKA_PASSWORD", login.password());
  }

  /**
   * @return the environment every application of the sandbox gets: its database schema, the broker
   *     and the key that checks tokens (no Kafka login)
   */
  static Map<String, String> env(Infrastructure infra, SandboxTokens tokens, String schema) {
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
