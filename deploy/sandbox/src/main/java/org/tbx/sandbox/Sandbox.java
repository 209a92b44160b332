package org.tbx.sandbox;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.tbx.infra.InfraSettings;
import org.tbx.infra.Infrastructure;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.Roles;

/**
 * The whole federation on one machine: Kafka and PostgreSQL (embedded unless configured), the hub
 * and one adapter per bank as separate processes, a few service records fed through the adapters,
 * and the URLs to look at. Ctrl-C stops everything it started.
 */
public final class Sandbox {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private Sandbox() {}

  public static void main(String[] args) {
    quietLibraryLogging();
    Instant begin = Instant.now();
    Stopper stopper = new Stopper();
    Runtime.getRuntime().addShutdownHook(new Thread(stopper::stop, "tbx-sandbox-stop"));
    try {
      List<String> nodes =
          nodeIds(System.getenv().getOrDefault("TBX_SANDBOX_NODES", "guilin,beihai"));
      Path home = home();
      Path logDir = Files.createDirectories(home.resolve("deploy/sandbox/target/logs"));
      say(
          "TBX sandbox: hub + adapters for "
              + String.join(", ", nodes)
              + " (repository "
              + home
              + ")");
      Path keyDir =
          Path.of(
              System.getenv()
                  .getOrDefault(
                      "TBX_SANDBOX_KEYS", home.resolve("deploy/sandbox/keys").toString()));
      SandboxTokens tokens = SandboxTokens.in(keyDir);
      say("API tokens are signed with the key pair in " + keyDir + " (made on first start)");
      Infrastructure infra =
          Infrastructure.start(InfraSettings.fromEnvironment(), Sandbox::say, true);
      stopper.track(infra);
      Federation federation =
          Federation.start(
              home, infra, tokens, nodes, logDir, READY_TIMEOUT, Sandbox::say, stopper::track);
      feed(federation);
      printUrls(federation, logDir.resolveSibling("tokens.env"), begin);
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      if (stopper.stopping()) {
        return; // stopped during start-up: the shutdown hook stops what started
      }
      say("FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The sandbox's banks in the directory: Chinese name, English name, GB/T 2260 region. */
  private static final Map<String, String[]> DIRECTORY =
      Map.of(
          "guilin", new String[] {"桂林时间银行", "Guilin Time Bank", "450300"},
          "beihai", new String[] {"北海时间银行", "Beihai Time Bank", "450500"});

  /** The demo volunteer's one-time portal link, asked through their bank once the data is in. */
  private static String signInLink;

  private static void feed(Federation federation) {
    DemoTraffic traffic = new DemoTraffic(federation.tokens());
    traffic.registerBanks(federation.hub(), federation.adapters());
    say("registered the signing keys of " + federation.adapters().size() + " banks at the hub");
    AppProcess first = federation.adapters().get(0);
    AppProcess last = federation.adapters().get(federation.adapters().size() - 1);
    for (AppProcess adapter : federation.adapters()) {
      String[] names =
          DIRECTORY.getOrDefault(
              adapter.name(), new String[] {adapter.name(), adapter.name(), "110100"});
      traffic.profile(federation.hub(), adapter.name(), names[0], names[1], names[2]);
    }
    traffic.enroll(first, "v-demo-li");
    traffic.recordService(first, "v-demo-li", "MEAL_ASSIST", 120);
    // The first bank is li's home: the hub must know it before the second bank's visit.
    traffic.awaitBalance(federation.hub(), "v-demo-li", 120, Duration.ofSeconds(60));
    traffic.visit(last, "v-demo-li");
    traffic.recordService(last, "v-demo-li", "EMOTIONAL_SUPPORT", 60);
    traffic.enroll(last, "v-demo-wang");
    String cleaning = traffic.recordService(last, "v-demo-wang", "HOME_CLEANING", 45);
    say(
        "recorded 3 services: v-demo-li 120 min at "
            + first.name()
            + " and 60 min at "
            + last.name()
            + ", v-demo-wang 45 min at "
            + last.name());
    traffic.awaitBalance(federation.hub(), "v-demo-li", 180, Duration.ofSeconds(60));
    traffic.awaitBalance(federation.hub(), "v-demo-wang", 45, Duration.ofSeconds(60));
    say("the hub reports v-demo-li: 180 min, v-demo-wang: 45 min");
    traffic.conduct(first, "v-demo-li", last, "v-demo-wang", cleaning);
    say(
        first.name()
            + " trained v-demo-li in first aid (a pass grants FIRST_AID); "
            + last.name()
            + " reported a no-show of v-demo-wang and disputed their cleaning record for the elder");
    // A hundred hours over five days reach the first star; the volunteer then moves, and the new
    // home bank sees their standing and honour through its own adapter.
    traffic.enroll(first, "v-demo-zhang");
    for (int day = 1; day <= 5; day++) {
      traffic.recordService(first, "v-demo-zhang", "EMOTIONAL_SUPPORT", 1200, day);
    }
    traffic.awaitBalance(federation.hub(), "v-demo-zhang", 6000, Duration.ofSeconds(60));
    traffic.relocate(first, "v-demo-zhang", last, "STAR_1", Duration.ofSeconds(60));
    say(
        "v-demo-zhang served 100 hours at "
            + first.name()
            + " (STAR_1, 一星志愿者) and moved to "
            + last.name()
            + ", which now sees their standing and honour");
    signInLink = traffic.signInLink(first, "v-demo-li");
  }

  private static void printUrls(Federation federation, Path tokenFile, Instant begin)
      throws IOException {
    AppProcess hub = federation.hub();
    SandboxTokens tokens = federation.tokens();
    StringBuilder env =
        new StringBuilder("# API tokens of this sandbox, valid 30 days: source this file\n");
    env.append("export TBX_ADMIN_TOKEN=").append(tokens.admin()).append('\n');
    env.append("export TBX_REGULATOR_TOKEN=")
        .append(tokens.mint(Roles.REGULATOR, "sandbox-regulator"))
        .append('\n');
    for (AppProcess adapter : federation.adapters()) {
      env.append("export TBX_NODE_TOKEN_")
          .append(adapter.name().toUpperCase(Locale.ROOT).replace('-', '_'))
          .append('=')
          .append(tokens.node(adapter.name()))
          .append('\n');
    }
    env.append("export TBX_VOLUNTEER_TOKEN=")
        .append(tokens.mint(Roles.VOLUNTEER, "v-demo-li"))
        .append('\n');
    Files.writeString(tokenFile, env);
    say("");
    say("ready-to-use tokens (admin, regulator, one per bank, volunteer v-demo-li):");
    env.toString().lines().filter(l -> l.startsWith("export")).forEach(Sandbox::say);
    say("the same lines are in " + tokenFile + ":  source " + tokenFile);
    say("");
    say(
        String.format(
            Locale.ROOT, "%-10s %s   (API docs %s/q/swagger-ui)", "hub", hub.url(), hub.url()));
    for (AppProcess adapter : federation.adapters()) {
      say(
          String.format(
              Locale.ROOT,
              "%-10s %s   (API docs %s/q/swagger-ui)",
              adapter.name(),
              adapter.url(),
              adapter.url()));
    }
    say("");
    AppProcess adapter = federation.adapters().get(0);
    String nodeVar = "$TBX_NODE_TOKEN_" + adapter.name().toUpperCase(Locale.ROOT).replace('-', '_');
    say(
        "try:  curl -H \"Authorization: Bearer $TBX_VOLUNTEER_TOKEN\" "
            + hub.url()
            + "/api/v1/volunteers/v-demo-li/balance");
    say(
        "      curl -X POST -H \"Authorization: Bearer "
            + nodeVar
            + "\" -H 'Content-Type: application/json' "
            + "-H 'Idempotency-Key: demo-1' "
            + adapter.url()
            + "/api/v1/service-records \\");
    say(
        "        -d '{\"volunteerId\":\"v-demo-li\",\"serviceCategory\":\"MEAL_ASSIST\",\"recipientRef\":\"elder-7\","
            + "\"startedAt\":\"2026-11-28T09:00:00Z\",\"minutes\":30}'");
    say("");
    say("pages:  public statistics " + hub.url() + "/");
    say(
        "        regulator console "
            + hub.url()
            + "/console   (sign in at "
            + hub.url()
            + "/sign-in with $TBX_REGULATOR_TOKEN)");
    say("        v-demo-li's portal, a one-time link for 10 minutes: " + signInLink);
    say(
        String.format(
            Locale.ROOT,
            "ready in %.1f s; Ctrl-C stops everything",
            Duration.between(begin, Instant.now()).toMillis() / 1000.0));
  }

  private static List<String> nodeIds(String csv) {
    List<String> ids =
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("TBX_SANDBOX_NODES must name at least one node id");
    }
    ids.forEach(Topics::requireNodeId);
    return ids;
  }

  /**
   * The repository root: {@code TBX_HOME}, else three levels above this jar
   * (deploy/sandbox/target).
   */
  private static Path home() {
    String configured = System.getenv("TBX_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    try {
      Path jar = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent().getParent().getParent().getParent();
      if (Files.isDirectory(candidate.resolve("hub"))) {
        return candidate;
      }
    } catch (URISyntaxException | NullPointerException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }

  /**
   * Kafka's embedded broker logs through slf4j to java.util.logging; the sandbox shows only its
   * errors.
   */
  private static void quietLibraryLogging() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.SEVERE);
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.SEVERE);
    root.addHandler(console);
  }

  static void say(String line) {
    System.out.println("[sandbox] " + line);
    System.out.flush();
  }

  /**
   * Stops the processes in the reverse order of their start (adapters, hub), then Kafka and
   * PostgreSQL; runs on Ctrl-C or SIGTERM at any moment, during start-up too: a process that starts
   * after the stop began is stopped at once.
   */
  private static final class Stopper {
    private final List<AppProcess> processes = new ArrayList<>();
    private Infrastructure infra;
    private boolean stopping;

    synchronized boolean stopping() {
      return stopping;
    }

    synchronized void track(Infrastructure started) {
      if (stopping) {
        started.close();
        throw new IllegalStateException("the sandbox is stopping");
      }
      infra = started;
    }

    synchronized void track(AppProcess process) {
      if (stopping) {
        process.close();
        throw new IllegalStateException("the sandbox is stopping");
      }
      processes.add(process);
    }

    void stop() {
      List<AppProcess> started;
      Infrastructure infrastructure;
      synchronized (this) {
        stopping = true;
        started = new ArrayList<>(processes);
        infrastructure = infra;
      }
      say("stopping ...");
      Collections.reverse(started);
      started.stream().filter(p -> !p.name().equals("hub")).toList().parallelStream()
          .forEach(AppProcess::close);
      started.stream().filter(p -> p.name().equals("hub")).forEach(AppProcess::close);
      if (infrastructure != null) {
        infrastructure.close();
      }
      say("stopped");
    }
  }
}
