package org.tbx.kit.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RelayLoopTest {

  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void aNudgeRunsATurnAtOnceWithoutWaitingForTheInterval() throws Exception {
    Semaphore turns = new Semaphore(0);
    RelayLoop loop = new RelayLoop("test-relay", NEVER, turns::release);
    loop.start();
    assertTrue(turns.tryAcquire(5, TimeUnit.SECONDS), "the first turn runs at start");
    loop.nudge();
    assertTrue(turns.tryAcquire(5, TimeUnit.SECONDS), "a nudge runs a turn long before the hour");
    assertTrue(loop.stop(Duration.ofSeconds(5)));
  }

  @Test
  void nudgesDuringATurnMakeExactlyOneMoreTurn() throws Exception {
    CountDownLatch inFirstTurn = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger count = new AtomicInteger();
    Semaphore ended = new Semaphore(0);
    RelayLoop loop =
        new RelayLoop(
            "test-relay",
            NEVER,
            () -> {
              if (count.incrementAndGet() == 1) {
                inFirstTurn.countDown();
                await(release);
              }
              ended.release();
            });
    loop.start();
    assertTrue(inFirstTurn.await(5, TimeUnit.SECONDS));
    for (int i = 0; i < 50; i++) {
      loop.nudge();
    }
    release.countDown();
    assertTrue(ended.tryAcquire(2, 5, TimeUnit.SECONDS), "the first turn and one more");
    assertTrue(loop.stop(Duration.ofSeconds(5)));
    assertEquals(2, count.get(), "fifty nudges during a turn make one more turn");
  }

  @Test
  void aFailedTurnIsRetriedOnTheNextInterval() throws Exception {
    Semaphore turns = new Semaphore(0);
    AtomicInteger count = new AtomicInteger();
    RelayLoop loop =
        new RelayLoop(
            "test-relay",
            Duration.ofMillis(20),
            () -> {
              turns.release();
              if (count.incrementAndGet() == 1) {
                throw new IllegalStateException("the broker is away");
              }
            });
    loop.start();
    assertTrue(turns.tryAcquire(2, 5, TimeUnit.SECONDS), "a turn after the failed one");
    assertTrue(loop.stop(Duration.ofSeconds(5)));
  }

  @Test
  void noTurnStartsAfterStopAndAZeroIntervalIsRefused() throws Exception {
    AtomicInteger count = new AtomicInteger();
    RelayLoop loop = new RelayLoop("test-relay", NEVER, count::incrementAndGet);
    loop.start();
    assertTrue(loop.stop(Duration.ofSeconds(5)));
    int after = count.get();
    loop.nudge();
    Thread.sleep(50);
    assertEquals(after, count.get());
    assertThrows(
        IllegalArgumentException.class, () -> new RelayLoop("test-relay", Duration.ZERO, () -> {}));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
