package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidV7Test {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

  @Test
  void setsVersion7AndVariant10() {
    UuidV7 ids = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(1));

    for (int i = 0; i < 1_000; i++) {
      UUID uuid = UUID.fromString(ids.next());
      assertThat(uuid.version()).isEqualTo(7);
      assertThat(uuid.variant()).isEqualTo(2); // binary 10, RFC 9562
    }
  }

  @Test
  void carriesTheClocksMillisecondInTheFirst48Bits() {
    UuidV7 ids = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(2));

    String id = ids.next();

    assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    assertThat(id)
        .startsWith(
            String.format("%08x-%04x", NOW.toEpochMilli() >>> 16, NOW.toEpochMilli() & 0xffff));
  }

  @Test
  void isUniqueAndIncreasingWithinOneMillisecond() {
    UuidV7 ids = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(3));

    List<String> generated = generate(ids, 100_000);

    assertThat(generated).isSorted().doesNotHaveDuplicates();
    assertThat(UUID.fromString(generated.getLast()).getMostSignificantBits() >>> 16)
        .as("100k ids fit in one millisecond's random space")
        .isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void isIncreasingAcrossMillisecondsAndWhenTheClockStepsBack() {
    SteppingClock clock = new SteppingClock(NOW.toEpochMilli());
    UuidV7 ids = new UuidV7(clock, new SplittableRandom(4));
    List<String> generated = new ArrayList<>();
    SplittableRandom steps = new SplittableRandom(5);

    for (int i = 0; i < 20_000; i++) {
      generated.add(ids.next());
      clock.millis += steps.nextInt(-2, 3); // forwards, not at all, or backwards
    }

    assertThat(generated).isSorted().doesNotHaveDuplicates().allMatch(UuidV7::isUuidV7);
  }

  @Test
  void sameSeedAndClockGiveSameIds() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThat(generate(new UuidV7(clock, new SplittableRandom(6)), 10))
        .isEqualTo(generate(new UuidV7(clock, new SplittableRandom(6)), 10));
  }

  @Test
  void isUuidV7AcceptsWhatItGenerates() {
    UuidV7 ids = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(7));

    assertThat(new HashSet<>(generate(ids, 1_000))).allMatch(UuidV7::isUuidV7);
    assertThat(UuidV7.isUuidV7("01960c3e-7a2b-7c4d-bfff-0123456789ab")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "01960c3e-7a2b-4c4d-8e5f-0123456789ab", // version 4
        "01960c3e-7a2b-7c4d-0e5f-0123456789ab", // variant 0
        "01960c3e-7a2b-7c4d-ce5f-0123456789ab", // variant 110
        "01960C3E-7A2B-7C4D-8E5F-0123456789AB", // uppercase
        "01960c3e7a2b7c4d8e5f0123456789ab", // no dashes
        "01960c3e-7a2b-7c4d-8e5f-0123456789ab0", // too long
        "01960c3e-7a2b-7c4d-8e5f-0123456789a", // too short
        "01960c3e_7a2b-7c4d-8e5f-0123456789ab", // wrong separator
        "01960c3g-7a2b-7c4d-8e5f-0123456789ab" // not hex
      })
  void isUuidV7RejectsEverythingElse(String text) {
    assertThat(UuidV7.isUuidV7(text)).isFalse();
  }

  @Test
  void isUuidV7RejectsNull() {
    assertThat(UuidV7.isUuidV7(null)).isFalse();
  }

  private static List<String> generate(UuidV7 ids, int count) {
    List<String> generated = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      generated.add(ids.next());
    }
    return generated;
  }

  /** A clock the test moves by hand, forwards or back. */
  private static final class SteppingClock extends Clock {
    long millis;

    SteppingClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
