package dev.herald.bench;

import java.util.Arrays;

/** Median and percentiles of measured values. */
final class Samples {

  private Samples() {}

  /** Returns the median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Returns the nearest-rank {@code percentile} (0 to 100) of already sorted values. */
  static long percentile(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("sorted: empty (expected: at least one value)");
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Returns the values, each formatted with {@code format}, joined by ", ". */
  static String list(double[] values, String format) {
    StringBuilder text = new StringBuilder();
    for (double value : values) {
      text.append(text.isEmpty() ? "" : ", ").append(String.format(format, value));
    }
    return text.toString();
  }
}
