package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration MAX = Duration.ofHours(24);

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parse("7", NOW, MAX)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", NOW, MAX)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateRelativeToNow() {
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:02:30 GMT", NOW, MAX))
        .contains(Duration.ofSeconds(150));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW, MAX)).contains(Duration.ZERO);
  }

  @Test
  void capsLongWaitsAtTheMaximum() {
    assertThat(RetryAfter.parse("86401", NOW, MAX)).contains(MAX);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW, MAX)).contains(MAX);
    assertThat(RetryAfter.parse("Tue, 01 Mar 2033 12:00:00 GMT", NOW, MAX)).contains(MAX);
  }

  @Test
  void ignoresWhatIsAbsentOrUnparseable() {
    assertThat(RetryAfter.parse(null, NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("2026-03-01T12:02:30Z", NOW, MAX)).isEmpty();
  }
}
