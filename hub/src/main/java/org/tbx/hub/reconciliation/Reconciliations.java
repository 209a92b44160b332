package org.tbx.hub.reconciliation;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.notice.NoticeOutbox;
import org.tbx.kit.outbox.RelayLoop;
import org.tbx.protocol.v1.ReconciliationDifference;
import org.tbx.protocol.v1.ReconciliationResult;

/**
 * Reconciles complete statements on a thread of its own, after the poll that completed them
 * committed: the hub's figures are read in a read-only transaction (as long as the bank's stream is
 * large, while ingest goes on), then the result and its notice are recorded in a short one.
 */
@ApplicationScoped
public class Reconciliations {

  private static final int PER_TURN = 50;

  private final ReconciliationRepository statements;
  private final LedgerRepository ledger;
  private final NoticeOutbox notices;
  private final Clock clock;
  private final RelayLoop loop;

  Reconciliations(
      ReconciliationRepository statements,
      LedgerRepository ledger,
      NoticeOutbox notices,
      Clock clock,
      HubConfig config) {
    this.statements = statements;
    this.ledger = ledger;
    this.notices = notices;
    this.clock = clock;
    this.loop = new RelayLoop("tbx-reconciliation", config.reconciliationInterval(), this::turn);
  }

  void onStart(@Observes StartupEvent event) {
    loop.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop(Duration.ofSeconds(10));
  }

  void onCompleted(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) ReconciliationRepository.Due due) {
    loop.nudge();
  }

  private void turn() {
    List<ReconciliationRepository.Due> due =
        QuarkusTransaction.requiringNew().call(() -> statements.due(PER_TURN));
    for (ReconciliationRepository.Due d : due) {
      try {
        reconcile(d);
      } catch (RuntimeException e) {
        Log.errorf(
            e,
            "statement %s of %s could not be reconciled; it is tried again on the next turn",
            d.statementId(),
            d.nodeId());
      }
    }
    if (due.size() == PER_TURN) {
      loop.nudge();
    }
  }

  /**
   * Compares a complete statement with the hub's record of the bank's stream up to its sequence
   * (which the bank can no longer change: its later events have higher sequences) and tells the
   * bank.
   *
   * @return whether this call recorded the result; false when another hub instance did
   */
  public boolean reconcile(ReconciliationRepository.Due d) {
    List<ReconciliationDifference> differences =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  ledger.readOnly();
                  long n = d.asOfSequence();
                  return Reconciler.differences(
                      statements.controlTotals(d.statementId()),
                      statements.bankLines(d.statementId()),
                      statements.hubFigures(d.nodeId(), n),
                      statements.rejectedEvents(d.nodeId(), n),
                      statements.hubEventCount(d.nodeId(), n));
                });
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              if (!statements.take(d.statementId())) {
                return false;
              }
              statements.store(d, differences);
              NoticeOutbox.Pending told = notices.begin();
              told.add(
                  d.nodeId(),
                  new ReconciliationResult(
                      d.statementId(), d.asOfSequence(), differences.isEmpty(), differences),
                  clock.instant());
              notices.write(told);
              return true;
            });
  }
}
