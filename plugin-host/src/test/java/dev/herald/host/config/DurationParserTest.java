package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

  @Test
  void readsEveryUnit() {
    assertThat(DurationParser.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationParser.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationParser.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationParser.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationParser.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationParser.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationParser.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
    assertThat(DurationParser.parse(" 0s ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void keepsTheSignSoCallersCanRejectNegatives() {
    assertThat(DurationParser.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
    assertThat(DurationParser.parse("-PT5S")).isEqualTo(Duration.ofSeconds(-5));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "5", "5 s", "5sec", "1.5s", "5S", "s", "PT", "5w", "99999999999999999999d"})
  void rejectsOtherFormsQuotingTheText(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' (expected: a duration like 250ms, 5s, 5m, 2h, 1d or PT5S)");
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertThat(DurationParser.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(DurationParser.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DurationParser.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationParser.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationParser.format(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
  }

  @Property
  void readsWholeAmountsOfEachUnit(
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long amount,
      @ForAll("units") ChronoUnit unit) {
    String suffix =
        switch (unit) {
          case MILLIS -> "ms";
          case SECONDS -> "s";
          case MINUTES -> "m";
          case HOURS -> "h";
          default -> "d";
        };

    assertThat(DurationParser.parse(amount + suffix)).isEqualTo(Duration.of(amount, unit));
  }

  @Property
  void readsBackWhatItFormats(@ForAll @LongRange(min = -1L << 50, max = 1L << 50) long nanos) {
    Duration duration = Duration.ofNanos(nanos);

    assertThat(DurationParser.parse(DurationParser.format(duration))).isEqualTo(duration);
  }

  @Property
  void readsIsoForm(@ForAll @LongRange(min = 0, max = 1L << 50) long millis) {
    Duration duration = Duration.ofMillis(millis);

    assertThat(DurationParser.parse(duration.toString())).isEqualTo(duration);
  }

  @Provide
  Arbitrary<ChronoUnit> units() {
    return Arbitraries.of(
        ChronoUnit.MILLIS,
        ChronoUnit.SECONDS,
        ChronoUnit.MINUTES,
        ChronoUnit.HOURS,
        ChronoUnit.DAYS);
  }
}
