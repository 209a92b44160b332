package org.tbx.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tbx.infra.FreePorts;

/**
 * Hub instances: processes of the same jar in one consumer group, each with a stable instance id so
 * that one started again takes its banks back at once (static membership).
 */
final class HubInstances implements AutoCloseable {

  private final String name;
  private final Path jar;
  private final Map<String, String> env;
  private final Path logDir;
  private final List<AppProcess> running = new ArrayList<>();

  /**
   * @param name the instances' name prefix, for their logs and instance ids
   */
  HubInstances(String name, Path jar, Map<String, String> env, Path logDir) {
    this.name = name;
    this.jar = jar;
    this.env = env;
    this.logDir = logDir;
  }

  /** Starts {@code count} instances at once and waits until each is ready. */
  void startAll(int count) {
    for (int i = 0; i < count; i++) {
      running.add(start(i));
    }
    for (AppProcess hub : running) {
      hub.awaitReady(Duration.ofSeconds(180));
    }
  }

  private AppProcess start(int instance) {
    Map<String, String> own = new HashMap<>(env);
    own.put("TBX_HUB_INSTANCE_ID", name + "-" + (instance + 1));
    return AppProcess.start(name + "-" + (instance + 1), jar, FreePorts.pick(), own, logDir);
  }

  /**
   * @return each running instance's memory ({@link AppProcess#memory()}), one line each
   */
  List<String> memory() {
    return running.stream().map(h -> h.name() + ": " + h.memory()).toList();
  }

  AppProcess any() {
    return running.get(0);
  }

  /** Kills an instance (0-based) with SIGKILL, starts it again and waits until it is ready. */
  void killAndRestart(int instance) throws InterruptedException {
    running.get(instance).kill();
    AppProcess hub = start(instance);
    running.set(instance, hub);
    hub.awaitReady(Duration.ofSeconds(120));
  }

  @Override
  public void close() {
    running.forEach(AppProcess::close);
  }
}
