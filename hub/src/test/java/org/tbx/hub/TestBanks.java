package org.tbx.hub;

import org.tbx.protocol.v1.NodeEvent;

/** Opens {@link NodeTraffic} to tests in other packages. */
public final class TestBanks {

  private TestBanks() {}

  /** A registered bank publishing signed, chained batches. */
  public static final class Bank implements AutoCloseable {
    private final NodeTraffic traffic;

    private Bank(NodeTraffic traffic) {
      this.traffic = traffic;
    }

    public String nodeId() {
      return traffic.nodeId;
    }

    /** Publishes one batch of {@code count} deposits of {@code minutes} each for the volunteer. */
    public void depositEach(String volunteerId, int count, int minutes) {
      NodeEvent[] events = new NodeEvent[count];
      for (int i = 0; i < count; i++) {
        events[i] = traffic.deposit(volunteerId, minutes);
      }
      traffic.publish(events);
    }

    @Override
    public void close() {
      traffic.close();
    }
  }

  public static Bank open(String prefix) {
    return new Bank(new NodeTraffic(prefix));
  }
}
