package dev.herald.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SettableClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThrottledWarningsTest {

  private final SettableClock clock = SettableClock.atEpoch2026();
  private final ThrottledWarnings warnings = new ThrottledWarnings(Duration.ofMinutes(1), clock);

  @Test
  void logsTheFirstHoldsBackTheRestThenCountsThemInTheNextOneLogged() {
    assertThat(warnings.admit("webhook:a")).isEqualTo(OptionalLong.of(0));
    assertThat(warnings.admit("webhook:a")).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(warnings.admit("webhook:a")).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(warnings.admit("webhook:a")).isEqualTo(OptionalLong.of(2));
    assertThat(warnings.admit("webhook:a")).isEmpty();
  }

  @Test
  void keysAreThrottledApart() {
    assertThat(warnings.admit("webhook:a")).isPresent();
    assertThat(warnings.admit("webhook:b")).isPresent();
    assertThat(warnings.admit("webhook:a")).isEmpty();
  }
}
