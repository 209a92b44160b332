package org.tbx.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault harness at CI size: 1,500 deposits from three banks, and each bank's gifts and
 * redemptions with signed consents, each batch sent three times, to a three-broker cluster and two
 * hub instances in one group, while a hub instance is killed with SIGKILL, one broker and
 * PostgreSQL are each stopped and started, and a hub instance is killed again as the settlements
 * arrive; every check of {@link FaultHarness} must pass. The README's command runs it with
 * 1,000,000 events and ten kills.
 */
class FaultHarnessIT {

  @Test
  void noEventIsLostOrAppliedTwiceThroughAHubKillABrokerLostAndADatabaseRestart() throws Exception {
    Path home = Path.of("../..").toAbsolutePath().normalize();
    FaultHarness.Report report =
        FaultHarness.run(
            home,
            new FaultHarness.Setup(1_500, 1, 3, 3, 2, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            line -> System.out.println("[faults] " + line));
    String table = String.join("\n", report.table());
    System.out.println(table);
    assertTrue(report.faults().size() == 4, table);
    assertTrue(report.passed(), table);
  }
}
