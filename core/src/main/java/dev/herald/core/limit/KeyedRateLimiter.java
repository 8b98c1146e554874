package dev.herald.core.limit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One token bucket per key (a realm, a target), each at the rate its key is given; keys without a
 * rate are not limited. Buckets are made on first use; when many keys were seen, the full buckets
 * are forgotten, so memory follows the keys that are being limited, not every key ever seen. A key
 * whose rate changes (an operator edited it) gets a fresh bucket at the new rate.
 */
public final class KeyedRateLimiter<K> {

  // Above this many buckets, full ones (forgetting them changes nothing) are dropped.
  private static final int PRUNE_ABOVE = 10_000;

  private final Function<K, Optional<Rate>> rates;
  private final InstantSource clock;
  private final Map<K, TokenBucket> buckets = new ConcurrentHashMap<>();

  /**
   * Creates a limiter.
   *
   * @param rates each key's rate, or empty for a key that is not limited; a key may use a whole
   *     period's worth at once ({@code 2/min}: two at once, then one every 30 s)
   */
  public KeyedRateLimiter(Function<K, Optional<Rate>> rates, InstantSource clock) {
    this.rates = requireNonNull(rates, "rates");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Takes {@code permits} from the key's bucket.
   *
   * @return zero when taken (or the key is not limited), otherwise how long until they would be
   */
  public Duration tryTake(K key, int permits) {
    Optional<TokenBucket> bucket = bucket(key);
    return bucket.isEmpty() ? Duration.ZERO : bucket.get().tryTake(permits);
  }

  /**
   * Takes as many permits as the key's bucket holds now, at most {@code wanted}.
   *
   * @return how many were taken: {@code wanted} for a key that is not limited
   */
  public int takeUpTo(K key, int wanted) {
    Optional<TokenBucket> bucket = bucket(key);
    return bucket.isEmpty() ? wanted : bucket.get().takeUpTo(wanted);
  }

  /** Returns how long until the key has one permit; zero when it has one now or no limit. */
  public Duration untilAvailable(K key) {
    Optional<TokenBucket> bucket = bucket(key);
    return bucket.isEmpty() ? Duration.ZERO : bucket.get().untilOne();
  }

  /** Gives back permits taken for a request that was refused for another reason. */
  public void giveBack(K key, int permits) {
    TokenBucket bucket = buckets.get(key);
    if (bucket != null) {
      bucket.giveBack(permits);
    }
  }

  private Optional<TokenBucket> bucket(K key) {
    Optional<Rate> rate = rates.apply(key);
    if (rate.isEmpty()) {
      buckets.remove(key);
      return Optional.empty();
    }
    TokenBucket bucket = buckets.get(key);
    if (bucket != null && bucket.rate().equals(rate.get())) {
      return Optional.of(bucket);
    }
    if (bucket != null) {
      buckets.remove(key, bucket);
    }
    if (buckets.size() >= PRUNE_ABOVE) {
      buckets.values().removeIf(TokenBucket::full);
    }
    return Optional.of(
        buckets.computeIfAbsent(
            key, k -> new TokenBucket(rate.get(), rate.get().permits(), clock)));
  }
}
