package dev.herald.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateTest {

  @ParameterizedTest
  @CsvSource({
    "50/s, 50, PT1S, 50.0",
    "3000/min, 3000, PT1M, 50.0",
    "' 7200 / h ', 7200, PT1H, 2.0"
  })
  void parsesCountPerSecondMinuteOrHour(String text, long permits, Duration per, double perSecond) {
    Rate rate = Rate.parse(text);

    assertThat(rate.permits()).isEqualTo(permits);
    assertThat(rate.per()).isEqualTo(per);
    assertThat(rate.perSecond()).isEqualTo(perSecond);
    assertThat(Rate.parse(rate.toString())).isEqualTo(rate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "50", "50/d", "-1/s", "0/s", "fast", "1.5/s", "50 per second"})
  void refusesOtherFormsNamingTheText(String text) {
    assertThatThrownBy(() -> Rate.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("expected:");
  }
}
