package org.tbx.hub.statistics;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.tbx.hub.settlement.SettlementService;

/**
 * The federation's settlement since the first transfer ({@link SettlementService#current()}), taken
 * on a schedule ({@code tbx.hub.statistics-refresh}) rather than per page view: positions,
 * outstanding minutes, guarantee coverage and the flows between banks. Each page says when it was
 * made.
 */
@ApplicationScoped
public class SettlementSnapshot {

  private final SettlementService settlement;
  private final AtomicReference<SettlementService.Report> latest = new AtomicReference<>();

  SettlementSnapshot(SettlementService settlement) {
    this.settlement = settlement;
  }

  @Scheduled(
      every = "${tbx.hub.statistics-refresh}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    latest.set(settlement.current());
  }

  /**
   * @return the newest report, made now when there is none yet
   */
  public SettlementService.Report current() {
    SettlementService.Report report = latest.get();
    if (report == null) {
      refresh();
      report = latest.get();
    }
    return report;
  }

  /**
   * @return a report made now, for the tests that compare pages with the ledger
   */
  public SettlementService.Report refreshNow() {
    refresh();
    return latest.get();
  }
}
