package dev.herald.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class RetryPolicyProperties {

  // Floating-point rounding of nanos × factor: far below anything a schedule can express.
  private static final long ROUNDING_NANOS = 1_000;

  @Provide
  Arbitrary<List<Duration>> schedules() {
    Arbitrary<Duration> delays =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 10_000).map(Duration::ofMillis),
            // Up to a year: longer than any real schedule.
            Arbitraries.longs()
                .between(0, Duration.ofDays(365).toSeconds())
                .map(Duration::ofSeconds));
    return delays.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Duration> initials() {
    return Arbitraries.longs().between(1, Duration.ofHours(1).toMillis()).map(Duration::ofMillis);
  }

  private static long lowest(Duration base, double jitter) {
    return (long) Math.floor(base.toNanos() * (1.0 - jitter)) - ROUNDING_NANOS;
  }

  private static long highest(Duration base, double jitter) {
    return (long) Math.ceil(base.toNanos() * (1.0 + jitter)) + ROUNDING_NANOS;
  }

  @Property
  void delayLiesWithinTheJitterBand(
      @ForAll("schedules") List<Duration> schedule,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter,
      @ForAll @IntRange(min = 1, max = 13) int failedAttempt,
      @ForAll long seed) {
    Assume.that(failedAttempt <= schedule.size());
    RetryPolicy policy = RetryPolicy.schedule(schedule, jitter);
    Duration base = schedule.get(failedAttempt - 1);

    Duration delay =
        policy
            .delayAfter(failedAttempt, Optional.empty(), new SplittableRandom(seed))
            .orElseThrow();

    assertThat(delay.toNanos()).isBetween(lowest(base, jitter), highest(base, jitter));
    assertThat(delay.isNegative()).isFalse();
  }

  @Property
  void hintLongerThanTheBandIsReturnedAsIs(
      @ForAll("schedules") List<Duration> schedule,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter,
      @ForAll @IntRange(min = 1, max = 13) int failedAttempt,
      @ForAll @IntRange(min = 1, max = 1_000_000) int extraMillis,
      @ForAll long seed) {
    Assume.that(failedAttempt <= schedule.size());
    RetryPolicy policy = RetryPolicy.schedule(schedule, jitter);
    Duration hint =
        Duration.ofNanos(highest(schedule.get(failedAttempt - 1), jitter)).plusMillis(extraMillis);

    assertThat(policy.delayAfter(failedAttempt, Optional.of(hint), new SplittableRandom(seed)))
        .contains(hint);
  }

  @Property
  void hintShorterThanTheBandIsIgnored(
      @ForAll("schedules") List<Duration> schedule,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter,
      @ForAll @IntRange(min = 1, max = 13) int failedAttempt,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double fraction,
      @ForAll long seed) {
    Assume.that(failedAttempt <= schedule.size());
    RetryPolicy policy = RetryPolicy.schedule(schedule, jitter);
    long lowest = lowest(schedule.get(failedAttempt - 1), jitter);
    Assume.that(lowest > 0);
    Duration hint = Duration.ofNanos((long) (lowest * fraction));

    Optional<Duration> withHint =
        policy.delayAfter(failedAttempt, Optional.of(hint), new SplittableRandom(seed));
    Optional<Duration> withoutHint =
        policy.delayAfter(failedAttempt, Optional.empty(), new SplittableRandom(seed));

    assertThat(withHint).isEqualTo(withoutHint);
  }

  @Property
  void noDelayExactlyWhenTheScheduleRanOut(
      @ForAll("schedules") List<Duration> schedule,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter,
      @ForAll @IntRange(min = 1, max = 20) int failedAttempt,
      @ForAll long seed) {
    RetryPolicy policy = RetryPolicy.schedule(schedule, jitter);

    Optional<Duration> delay =
        policy.delayAfter(
            failedAttempt, Optional.of(Duration.ofDays(1)), new SplittableRandom(seed));

    assertThat(delay.isEmpty()).isEqualTo(failedAttempt > schedule.size());
    assertThat(delay.isEmpty()).isEqualTo(failedAttempt >= policy.maxAttempts());
  }

  @Property
  void maxAttemptsIsOneMoreThanTheSchedule(
      @ForAll("schedules") List<Duration> schedule,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter) {
    RetryPolicy policy = RetryPolicy.schedule(schedule, jitter);

    assertThat(policy.maxAttempts()).isEqualTo(schedule.size() + 1);
    assertThat(policy.schedule()).isEqualTo(schedule);
    assertThat(policy.jitter()).isEqualTo(jitter);
  }

  @Property
  void exponentialScheduleGrowsUpToTheCap(
      @ForAll("initials") Duration initial,
      @ForAll @DoubleRange(min = 1.0, max = 10.0) double multiplier,
      @ForAll @IntRange(min = 0, max = 1_000) int capFactor,
      @ForAll @IntRange(min = 1, max = 40) int maxAttempts,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter) {
    Duration max = initial.multipliedBy(1 + capFactor);

    RetryPolicy policy = RetryPolicy.exponential(initial, multiplier, max, maxAttempts, jitter);

    List<Duration> schedule = policy.schedule();
    assertThat(policy.maxAttempts()).isEqualTo(maxAttempts);
    assertThat(schedule).hasSize(maxAttempts - 1);
    assertThat(schedule).isSorted();
    assertThat(schedule).allSatisfy(d -> assertThat(d).isBetween(initial, max));
    if (!schedule.isEmpty()) {
      assertThat(schedule.getFirst()).isEqualTo(initial);
    }
    assertThat(policy.jitter()).isEqualTo(jitter);
  }
}
