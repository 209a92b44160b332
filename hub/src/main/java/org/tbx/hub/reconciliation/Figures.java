package org.tbx.hub.reconciliation;

/** A volunteer's figures in a statement or in the hub's record: minutes credited and debited. */
public record Figures(long credited, long debited) {

  public static final Figures NONE = new Figures(0, 0);

  public Figures plus(Figures other) {
    return new Figures(credited + other.credited, debited + other.debited);
  }

  /**
   * @return credited minus debited
   */
  public long net() {
    return credited - debited;
  }
}
