package org.tbx.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault harness at CI size: 1,500 deposits from three banks, and each bank's gifts and
 * redemptions with signed consents, visitors' redemptions at another bank, each batch sent three
 * times, to a three-broker cluster and two hub instances in one group, while a hub instance is
 * killed with SIGKILL, one broker, then two brokers together, then PostgreSQL are stopped and
 * started, a hub instance is killed again as the settlements arrive, and each bank sends its
 * statement; every check of {@link FaultHarness} must pass. The brokers run inside the test's JVM
 * here (they start in a few seconds); the README's command runs them as processes killed with
 * SIGKILL, with 1,000,000 events and ten kills.
 */
class FaultHarnessIT {

  @Test
  void noEventIsLostOrAppliedTwiceThroughAHubKillABrokerLostAndADatabaseRestart() throws Exception {
    Path home = Path.of("../..").toAbsolutePath().normalize();
    FaultHarness.Report report =
        FaultHarness.run(
            home,
            new FaultHarness.Setup(
                1_500, 1, 3, 3, 2, false, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            line -> System.out.println("[faults] " + line));
    String table = String.join("\n", report.table());
    System.out.println(table);
    assertTrue(report.faults().size() == 5, table);
    assertTrue(report.passed(), table);
  }
}
