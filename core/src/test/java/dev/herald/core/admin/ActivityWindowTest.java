package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityWindowTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:17:42.123Z");

  @Test
  void bucketsAreAlignedToTheirWidthAndTheLastHoldsNow() {
    ActivityWindow window = ActivityWindow.ending(NOW, Duration.ofHours(1), Duration.ofMinutes(5));

    assertThat(window.count()).isEqualTo(12);
    assertThat(window.to()).isEqualTo(Instant.parse("2026-12-04T10:20:00Z"));
    assertThat(window.from()).isEqualTo(Instant.parse("2026-12-04T09:20:00Z"));
    assertThat(window.start(11)).isBefore(NOW);
  }

  @Test
  void aWindowThatIsNotAMultipleOfTheBucketRoundsUp() {
    ActivityWindow window =
        ActivityWindow.ending(NOW, Duration.ofMinutes(2), Duration.ofSeconds(50));

    assertThat(window.count()).isEqualTo(3);
  }

  @Test
  void refusesOutOfRangeValuesNamingTheField() {
    assertThatThrownBy(() -> ActivityWindow.ending(NOW, Duration.ofHours(25), Duration.ofHours(1)))
        .hasMessageContaining("window")
        .hasMessageContaining("1m..24h");
    assertThatThrownBy(
            () -> ActivityWindow.ending(NOW, Duration.ofMinutes(5), Duration.ofMinutes(6)))
        .hasMessageContaining("bucket");
    assertThatThrownBy(
            () -> ActivityWindow.ending(NOW, Duration.ofHours(24), Duration.ofSeconds(30)))
        .hasMessageContaining("bucket")
        .hasMessageContaining("2880 buckets");
    assertThat(ActivityWindow.ending(NOW, Duration.ofHours(24), Duration.ofMinutes(1)).count())
        .isEqualTo(ActivityWindow.MAX_BUCKETS);
  }
}
