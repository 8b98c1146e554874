package dev.herald.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SettableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

  private final SettableClock clock = SettableClock.atEpoch2026();
  private final Map<String, Rate> rates = new HashMap<>(Map.of("acme", Rate.parse("10/s")));
  private final KeyedRateLimiter<String> limiter =
      new KeyedRateLimiter<>(key -> Optional.ofNullable(rates.get(key)), clock);

  @Test
  void givesABurstOfOneSecondThenRefillsAtTheRate() {
    assertThat(limiter.tryTake("acme", 10)).isZero();

    assertThat(limiter.tryTake("acme", 1)).isEqualTo(Duration.ofMillis(100));
    clock.advance(Duration.ofMillis(100));
    assertThat(limiter.tryTake("acme", 1)).isZero();
    assertThat(limiter.tryTake("acme", 2)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aRequestLargerThanTheBurstPassesFromAFullBucketAndLeavesItInDebt() {
    assertThat(limiter.tryTake("acme", 25)).isZero();

    assertThat(limiter.tryTake("acme", 1)).isEqualTo(Duration.ofMillis(1600));
    clock.advance(Duration.ofMillis(1600));
    assertThat(limiter.tryTake("acme", 1)).isZero();
  }

  @Test
  void keysAreLimitedApartAndKeysWithoutARateNotAtAll() {
    assertThat(limiter.tryTake("acme", 10)).isZero();

    assertThat(limiter.tryTake("acme", 1)).isPositive();
    assertThat(limiter.tryTake("globex", 1_000_000)).isZero();
    assertThat(limiter.tryTake("globex", 1_000_000)).isZero();
  }

  @Test
  void tokensGivenBackCanBeTakenAgain() {
    assertThat(limiter.tryTake("acme", 10)).isZero();

    limiter.giveBack("acme", 4);

    assertThat(limiter.tryTake("acme", 4)).isZero();
    assertThat(limiter.tryTake("acme", 1)).isPositive();
  }

  @Test
  void takesOnlyTheWholePermitsThereAreWithoutDebt() {
    assertThat(limiter.takeUpTo("acme", 4)).isEqualTo(4);
    assertThat(limiter.takeUpTo("acme", 100)).isEqualTo(6);
    assertThat(limiter.takeUpTo("acme", 1)).isZero();
    assertThat(limiter.untilAvailable("acme")).isEqualTo(Duration.ofMillis(100));

    clock.advance(Duration.ofMillis(250));

    assertThat(limiter.untilAvailable("acme")).isZero();
    assertThat(limiter.takeUpTo("acme", 100)).isEqualTo(2);
    assertThat(limiter.takeUpTo("globex", 100)).isEqualTo(100);
    assertThat(limiter.untilAvailable("globex")).isZero();
  }

  @Test
  void aChangedRateTakesEffectAtOnceAndARemovedOneLiftsTheLimit() {
    assertThat(limiter.takeUpTo("acme", 100)).isEqualTo(10);

    rates.put("acme", Rate.parse("3/s"));
    assertThat(limiter.takeUpTo("acme", 100)).isEqualTo(3);

    rates.remove("acme");
    assertThat(limiter.takeUpTo("acme", 100)).isEqualTo(100);
  }
}
