package org.tbx.node.statement;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.tbx.node.config.NodeConfig;

/**
 * Sends a statement on its own every {@code tbx.node.statement-interval} (0 turns it off), when the
 * bank's stream has grown since the last one. The interval is counted from the last statement,
 * across restarts.
 */
@ApplicationScoped
public class StatementSchedule {

  private final StatementService statements;
  private final NodeConfig config;
  private volatile boolean stopping;

  StatementSchedule(StatementService statements, NodeConfig config) {
    this.statements = statements;
    this.config = config;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "10s",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void maybeSend() {
    if (stopping || config.statementInterval().isZero()) {
      return;
    }
    try {
      Object[] last =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      (Object[])
                          Panache.getEntityManager()
                              .createNativeQuery(
                                  "select (select cast(floor(extract(epoch from max(created_at)) * 1000) as bigint) from statement), "
                                      + "(select coalesce(max(as_of_sequence), -1) from statement), "
                                      + "(select coalesce(max(last_sequence), 0) from node_stream)")
                              .getSingleResult());
      Instant lastAt =
          last[0] == null ? null : Instant.ofEpochMilli(((Number) last[0]).longValue());
      long lastAsOf = ((Number) last[1]).longValue();
      long sealed = ((Number) last[2]).longValue();
      boolean due =
          lastAt == null || lastAt.plus(config.statementInterval()).isBefore(Instant.now());
      if (due && sealed > lastAsOf && sealed > 0) {
        String key = "statement:scheduled:" + sealed;
        statements.create(key, "SCHEDULED");
        Log.infof("sent a scheduled balance statement as of sequence %d", sealed);
      }
    } catch (RuntimeException e) {
      if (stopping) {
        Log.debugf("the scheduled statement stopped by the shutdown: %s", e);
      } else {
        Log.error("the scheduled statement failed; it is tried again on the next turn", e);
      }
    }
  }
}
