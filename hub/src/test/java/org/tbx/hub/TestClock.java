package org.tbx.hub;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The hub's clock in tests: the system clock, moved ahead on request so expiry is tested without
 * waiting.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  /** Moves the hub's time ahead. */
  public void advance(Duration by) {
    ahead = ahead.plus(by);
  }

  /** Back to the system clock. */
  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), ahead);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }
}
