package dev.herald.core.limit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.InstantSource;

/**
 * A token bucket: refills at a {@link Rate} up to {@code burst} tokens. A request for more tokens
 * than the bucket holds is served only from a full bucket, which it leaves in debt: a batch larger
 * than the burst is never refused forever, and what comes after it waits its share.
 */
final class TokenBucket {

  private final Rate rate;
  private final double perNano;
  private final double burst;
  private final InstantSource clock;
  private double tokens;
  private long updatedNanos;

  TokenBucket(Rate rate, long burst, InstantSource clock) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
    }
    this.rate = requireNonNull(rate, "rate");
    this.perNano = rate.perSecond() / 1e9;
    this.burst = burst;
    this.clock = requireNonNull(clock, "clock");
    this.tokens = burst;
    this.updatedNanos = nanos();
  }

  /**
   * Takes {@code permits} tokens if there are enough (or the bucket is full).
   *
   * @return zero when taken, otherwise how long until they would be
   */
  synchronized Duration tryTake(int permits) {
    refill();
    double needed = Math.min(permits, burst);
    if (tokens >= needed) {
      tokens -= permits;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((needed - tokens) / perNano));
  }

  /**
   * Takes as many whole tokens as there are, at most {@code wanted}, never going into debt: for a
   * caller that can do less than it asked for (claim fewer deliveries).
   *
   * @return how many were taken, 0 when the bucket holds less than one
   */
  synchronized int takeUpTo(int wanted) {
    refill();
    int taken = (int) Math.min(wanted, Math.floor(Math.max(0, tokens)));
    tokens -= taken;
    return taken;
  }

  /** Returns how long until the bucket holds one whole token; zero when it does now. */
  synchronized Duration untilOne() {
    refill();
    return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
  }

  /** Returns the rate the bucket refills at. */
  Rate rate() {
    return rate;
  }

  /** Returns tokens taken by a request that was then refused elsewhere. */
  synchronized void giveBack(int permits) {
    tokens = Math.min(burst, tokens + permits);
  }

  /** Returns whether the bucket is full, so forgetting it changes nothing. */
  synchronized boolean full() {
    refill();
    return tokens >= burst;
  }

  private void refill() {
    long now = nanos();
    tokens = Math.min(burst, tokens + (now - updatedNanos) * perNano);
    updatedNanos = now;
  }

  private long nanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
