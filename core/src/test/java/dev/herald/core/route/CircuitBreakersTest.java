package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

  private static final TargetRef TARGET = new TargetRef("webhook", "t");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final CircuitBreakers breakers =
      new CircuitBreakers(new BreakerSettings(2, Duration.ofSeconds(30)));

  @Test
  void aSuccessBetweenFailuresResetsTheCount() {
    breakers.failed(TARGET, 1, T0);
    breakers.answered(TARGET, 2);
    assertThat(breakers.failed(TARGET, 3, T0)).isFalse();
    assertThat(breakers.failed(TARGET, 4, T0)).as("two in a row").isTrue();
    assertThat(breakers.status(TARGET, T0).openUntil()).contains(T0.plusSeconds(30));
  }

  @Test
  void ignoresAttemptsThatStartedBeforeItOpenedAndOnlyCountsTheProbe() {
    breakers.failed(TARGET, 1, T0);
    breakers.failed(TARGET, 2, T0);
    breakers.answered(TARGET, 3); // started before it opened
    assertThat(breakers.claimable(TARGET, T0.plusSeconds(29))).isZero();

    Instant later = T0.plusSeconds(30);
    assertThat(breakers.claimable(TARGET, later)).isEqualTo(1);
    breakers.claimed(TARGET, 10);
    assertThat(breakers.claimable(TARGET, later)).as("one probe at a time").isZero();
    breakers.answered(TARGET, 4); // not the probe
    assertThat(breakers.status(TARGET, later).state()).isEqualTo(BreakerState.HALF_OPEN);

    breakers.answered(TARGET, 10);
    assertThat(breakers.status(TARGET, later)).isEqualTo(BreakerStatus.CLOSED);
    assertThat(breakers.claimable(TARGET, later)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aProbeGivenBackUnattemptedLetsAnotherGo() {
    breakers.failed(TARGET, 1, T0);
    breakers.failed(TARGET, 2, T0);
    Instant later = T0.plusSeconds(30);
    breakers.claimable(TARGET, later);
    breakers.claimed(TARGET, 10);

    breakers.released(TARGET, 10);

    assertThat(breakers.claimable(TARGET, later)).isEqualTo(1);
  }
}
