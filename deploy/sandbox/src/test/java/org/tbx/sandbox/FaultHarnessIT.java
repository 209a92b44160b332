package org.tbx.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault harness at CI size: 3,000 deposit events from three banks, each batch sent three times,
 * while the hub is killed twice with SIGKILL, the broker and PostgreSQL are each stopped and
 * started; every check of {@link FaultHarness} must pass. The README's command runs it with
 * 1,000,000 events and ten kills.
 */
class FaultHarnessIT {

  @Test
  void noEventIsLostOrAppliedTwiceThroughHubKillsABrokerRestartAndADatabaseRestart()
      throws Exception {
    Path home = Path.of("../..").toAbsolutePath().normalize();
    FaultHarness.Report report =
        FaultHarness.run(
            home,
            1_500,
            1,
            3,
            Duration.ofSeconds(1),
            line -> System.out.println("[faults] " + line));
    String table = String.join("\n", report.table());
    System.out.println(table);
    assertTrue(report.faults().size() == 3, table);
    assertTrue(report.passed(), table);
  }
}
