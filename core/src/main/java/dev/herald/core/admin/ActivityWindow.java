package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets an activity report counts in: {@code count} buckets of width {@code bucket}, aligned
 * to multiples of the width since the epoch, covering {@code [from, to)}; the last one holds now,
 * so {@code to} is the end of the current bucket, and {@code from} at most one bucket later than
 * now minus the window asked for.
 */
public record ActivityWindow(Instant from, Instant to, Duration bucket, int count) {

  /** The shortest window. */
  public static final Duration MIN_WINDOW = Duration.ofMinutes(1);

  /** The longest window. */
  public static final Duration MAX_WINDOW = Duration.ofHours(24);

  /** The narrowest bucket. */
  public static final Duration MIN_BUCKET = Duration.ofSeconds(10);

  /** The most buckets in one report. */
  public static final int MAX_BUCKETS = 1440;

  public ActivityWindow {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(bucket, "bucket");
  }

  /**
   * Returns the buckets covering {@code window} up to {@code now}.
   *
   * @throws AdminException naming {@code window} or {@code bucket} when one is out of range
   */
  public static ActivityWindow ending(Instant now, Duration window, Duration bucket) {
    List<FieldViolation> found = new ArrayList<>();
    if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      found.add(new FieldViolation("window", window + " (expected: 1m..24h)"));
    } else if (bucket.compareTo(MIN_BUCKET) < 0 || bucket.compareTo(window) > 0) {
      found.add(new FieldViolation("bucket", bucket + " (expected: 10s.." + window + ")"));
    } else if (buckets(window, bucket) > MAX_BUCKETS) {
      found.add(
          new FieldViolation(
              "bucket",
              bucket
                  + " makes "
                  + buckets(window, bucket)
                  + " buckets of "
                  + window
                  + " (expected: at most "
                  + MAX_BUCKETS
                  + ")"));
    }
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
    long width = bucket.toMillis();
    int count = Math.toIntExact(buckets(window, bucket));
    long end = Math.floorDiv(now.toEpochMilli(), width) * width + width;
    return new ActivityWindow(
        Instant.ofEpochMilli(end - count * width), Instant.ofEpochMilli(end), bucket, count);
  }

  private static long buckets(Duration window, Duration bucket) {
    long width = bucket.toMillis();
    return (window.toMillis() + width - 1) / width;
  }

  /** Returns the start of bucket {@code index} (0 is the oldest). */
  public Instant start(int index) {
    return from.plusMillis(index * bucket.toMillis());
  }
}
