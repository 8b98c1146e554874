package dev.herald.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RandomGenerator NOT_RANDOM = () -> 0L;

  @Test
  void defaultsAreTheStandardWebhooksScheduleWithTenAttempts() {
    RetryPolicy policy = RetryPolicy.ofDefaults();

    assertThat(policy.schedule())
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(14),
            Duration.ofHours(20),
            Duration.ofHours(24));
    assertThat(policy.maxAttempts()).isEqualTo(10);
    assertThat(policy.jitter()).isEqualTo(0.2);
    assertThat(policy.delayAfter(10, Optional.empty(), new SplittableRandom(1))).isEmpty();
  }

  @Test
  void defaultDelaysStayWithinTwentyPercent() {
    RetryPolicy policy = RetryPolicy.ofDefaults();
    SplittableRandom random = new SplittableRandom(42);
    for (int attempt = 1; attempt <= 9; attempt++) {
      Duration base = policy.schedule().get(attempt - 1);
      for (int i = 0; i < 100; i++) {
        Duration delay = policy.delayAfter(attempt, Optional.empty(), random).orElseThrow();
        assertThat(delay)
            .isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
      }
    }
  }

  @Test
  void zeroJitterGivesTheScheduleExactly() {
    List<Duration> delays = List.of(Duration.ofMillis(250), Duration.ofSeconds(3));
    RetryPolicy policy = RetryPolicy.schedule(delays, 0.0);

    assertThat(policy.delayAfter(1, Optional.empty(), new SplittableRandom(1)))
        .contains(delays.get(0));
    assertThat(policy.delayAfter(2, Optional.empty(), new SplittableRandom(1)))
        .contains(delays.get(1));
    assertThat(policy.delayAfter(3, Optional.empty(), new SplittableRandom(1))).isEmpty();
  }

  @Test
  void retryAfterLongerThanTheScheduleWins() {
    RetryPolicy policy = RetryPolicy.ofDefaults();

    assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(1)), new SplittableRandom(1)))
        .contains(Duration.ofHours(1));
    assertThat(policy.delayAfter(2, Optional.of(Duration.ofSeconds(1)), new SplittableRandom(1)))
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMinutes(4)));
  }

  @Test
  void exponentialDoublesUpToTheCap() {
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 7, 0.0);

    assertThat(policy.schedule())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(policy.maxAttempts()).isEqualTo(7);
    assertThat(
            RetryPolicy.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 1, 0.0)
                .schedule())
        .isEmpty();
  }

  @Test
  void emptyScheduleMeansOneAttempt() {
    RetryPolicy policy = RetryPolicy.schedule(List.of(), 0.5);

    assertThat(policy.maxAttempts()).isEqualTo(1);
    assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(1)), NOT_RANDOM)).isEmpty();
  }

  @Test
  void scheduleIsCopied() {
    Duration[] delays = {Duration.ofSeconds(1)};
    List<Duration> backing = Arrays.asList(delays);
    RetryPolicy policy = RetryPolicy.schedule(backing, 0.0);
    delays[0] = Duration.ofHours(1);

    assertThat(policy.schedule()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void badScheduleArgumentsAreNamed() {
    assertThatThrownBy(() -> RetryPolicy.schedule(List.of(Duration.ofSeconds(1)), 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jitter: 1.5 (expected: 0.0 to 1.0)");
    assertThatThrownBy(() -> RetryPolicy.schedule(List.of(Duration.ofSeconds(1)), -0.1))
        .hasMessage("jitter: -0.1 (expected: 0.0 to 1.0)");
    assertThatThrownBy(() -> RetryPolicy.schedule(List.of(Duration.ofSeconds(1)), Double.NaN))
        .hasMessage("jitter: NaN (expected: 0.0 to 1.0)");
    assertThatThrownBy(
            () -> RetryPolicy.schedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(-1)), 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delays[1]: PT-1S (expected: 0 to PT8760H)");
    assertThatThrownBy(() -> RetryPolicy.schedule(Arrays.asList(Duration.ofSeconds(1), null), 0.2))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delays[1]");
    assertThatThrownBy(() -> RetryPolicy.schedule(null, 0.2))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delays");
  }

  @Test
  void badExponentialArgumentsAreNamed() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ZERO, 2.0, second, 3, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initial: PT0S (expected: > 0)");
    assertThatThrownBy(() -> RetryPolicy.exponential(second, 0.5, second, 3, 0.2))
        .hasMessage("multiplier: 0.5 (expected: >= 1.0)");
    assertThatThrownBy(() -> RetryPolicy.exponential(second, Double.NaN, second, 3, 0.2))
        .hasMessage("multiplier: NaN (expected: >= 1.0)");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(2), 2.0, second, 3, 0.2))
        .hasMessage("max: PT1S (expected: initial PT2S to PT8760H)");
    assertThatThrownBy(() -> RetryPolicy.exponential(second, 2.0, second, 0, 0.2))
        .hasMessage("maxAttempts: 0 (expected: >= 1)");
    assertThatThrownBy(() -> RetryPolicy.exponential(second, 2.0, second, 3, 2.0))
        .hasMessage("jitter: 2.0 (expected: 0.0 to 1.0)");
    assertThatThrownBy(() -> RetryPolicy.exponential(null, 2.0, second, 3, 0.2))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initial");
  }

  @Test
  void attemptNumbersStartAtOne() {
    assertThatThrownBy(() -> RetryPolicy.ofDefaults().delayAfter(0, Optional.empty(), NOT_RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failedAttempt: 0 (expected: >= 1)");
  }
}
