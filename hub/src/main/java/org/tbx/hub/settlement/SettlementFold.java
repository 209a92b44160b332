package org.tbx.hub.settlement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerRepository.IdMark;
import org.tbx.hub.ledger.LedgerRepository.OpenTransaction;

/**
 * Settlement since the first transfer, kept up to date incrementally: each read replays only the
 * transfers committed since the last one, in id order. A transfer id is folded only once no open
 * transaction can still commit a lower one: the fold marks the highest id handed out with the
 * database clock, and uses a mark once every transaction open on the database started after it.
 */
@ApplicationScoped
public class SettlementFold {

  private static final Logger LOG = Logger.getLogger(SettlementFold.class);
  private static final Duration WAIT_FOR_OPEN = Duration.ofSeconds(2);
  private static final long IDS_PER_TRANSACTION = 1_000_000;
  private static final int MARKS_KEPT = 1_000;

  private final LedgerRepository ledger;
  private final Replay replay = new Replay();
  private final Deque<IdMark> marks = new ArrayDeque<>();
  private long foldedUpTo;

  SettlementFold(LedgerRepository ledger) {
    this.ledger = ledger;
  }

  /**
   * @return what {@code reader} makes of the fold once every transfer committed by now is in it
   */
  synchronized <T> T read(Function<Replay, T> reader) {
    advance();
    return reader.apply(replay);
  }

  private void advance() {
    IdMark mark = QuarkusTransaction.requiringNew().call(ledger::idMark);
    marks.addLast(mark);
    while (marks.size() > MARKS_KEPT) {
      marks.removeFirst();
    }
    long safe = safeId(mark);
    long started = System.nanoTime();
    long before = foldedUpTo;
    while (foldedUpTo < safe) {
      long after = foldedUpTo;
      long upTo = Math.min(safe, after + IDS_PER_TRANSACTION);
      QuarkusTransaction.requiringNew()
          .run(() -> ledger.forEachTransfer(after, upTo, t -> replay.apply(t, true)));
      foldedUpTo = upTo;
      if (safe - before > IDS_PER_TRANSACTION) {
        LOG.infof("settlement: replayed transfers up to id %d of %d", upTo, safe);
      }
    }
    marks.removeIf(m -> m.id() <= foldedUpTo);
    if (safe - before > IDS_PER_TRANSACTION) {
      LOG.infof(
          "settlement: %d transfers replayed in %d ms",
          replay.transfers(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * Waits a moment for the transactions open when {@code mark} was read to end; if one stays open,
   * falls back to the newest earlier mark read before it started.
   *
   * @return the highest transfer id that no open transaction can still commit below
   */
  private long safeId(IdMark mark) {
    long deadline = System.nanoTime() + WAIT_FOR_OPEN.toNanos();
    while (true) {
      Optional<OpenTransaction> open =
          QuarkusTransaction.requiringNew().call(ledger::oldestOpenTransaction);
      if (open.isEmpty() || !open.get().started().isBefore(mark.at())) {
        return mark.id();
      }
      if (System.nanoTime() > deadline) {
        long safe = foldedUpTo;
        for (IdMark earlier : marks) {
          if (!open.get().started().isBefore(earlier.at())) {
            safe = Math.max(safe, earlier.id());
          }
        }
        LOG.warnf(
            "settlement: a transaction open since %s (server process %d) holds the report at"
                + " transfer id %d of %d; it goes on once that transaction ends",
            open.get().started(), open.get().pid(), safe, mark.id());
        return safe;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return foldedUpTo;
      }
    }
  }
}
