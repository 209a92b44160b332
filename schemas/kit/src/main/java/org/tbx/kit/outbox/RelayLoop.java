package org.tbx.kit.outbox;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outbox relay's turns on one thread of its own: at once when nudged after a transaction
 * that queued something committed, and every interval in case a nudge was missed (a crash between
 * commit and nudge, rows written by another instance). Nudges that arrive during a turn make
 * exactly one more turn, so a busy writer costs one turn per finished turn, not one per write.
 */
public final class RelayLoop {

  private final String name;
  private final Duration interval;
  private final Runnable turn;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  /**
   * @param name the thread's name, also used in log lines
   * @param interval the longest wait between two turns without a nudge
   * @param turn one pass of the relay; a {@link RuntimeException} is logged and the next turn
   *     retries
   */
  public RelayLoop(String name, Duration interval, Runnable turn) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(name + ": the interval must be positive, was " + interval);
    }
    this.name = name;
    this.interval = interval;
    this.turn = turn;
  }

  /** Starts the thread; the first turn runs at once. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    wake.release();
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for a turn as soon as the current one, if any, ends. */
  public void nudge() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  /**
   * Lets a turn in progress finish, up to {@code wait}, and runs no other.
   *
   * @return true when the thread ended within the wait
   */
  public boolean stop(Duration wait) {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    wake.release();
    if (t == null) {
      return true;
    }
    try {
      t.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  private void loop() {
    while (running) {
      try {
        wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wake.drainPermits();
      if (!running) {
        return;
      }
      try {
        turn.run();
      } catch (RuntimeException e) {
        if (running) {
          Log.errorf(e, "%s failed; it retries on its next turn", name);
        } else {
          Log.debugf("%s stopped by the shutdown: %s", name, e);
        }
      }
    }
  }
}
