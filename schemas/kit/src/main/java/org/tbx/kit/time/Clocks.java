package org.tbx.kit.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of a service: every rule that depends on time (hold expiry, ageing, windows, token
 * lifetimes) asks it, so tests can move time instead of waiting.
 */
@ApplicationScoped
public class Clocks {

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }
}
