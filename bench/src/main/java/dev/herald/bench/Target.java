package dev.herald.bench;

/** A goal for a ratio, as the Benchmarks issue states it; {@link #NONE} for figures shown as is. */
record Target(String text, double bound, boolean atLeast) {

  /** No goal. */
  static final Target NONE = new Target("", Double.NaN, true);

  /** Returns the goal "ratio ≥ bound". */
  static Target atLeast(double bound) {
    return new Target("≥ " + bound + "×", bound, true);
  }

  /** Returns the goal "ratio ≤ bound". */
  static Target atMost(double bound) {
    return new Target("≤ " + bound + "×", bound, false);
  }

  /** Returns whether this is a real goal. */
  boolean exists() {
    return !Double.isNaN(bound);
  }

  /** Returns whether the ratio meets the goal. */
  boolean metBy(double ratio) {
    return atLeast ? ratio >= bound : ratio <= bound;
  }
}
