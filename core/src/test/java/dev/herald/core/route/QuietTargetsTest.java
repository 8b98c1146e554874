package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietTargetsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final TargetRef A = TargetRef.webhook("a");
  private static final TargetRef B = TargetRef.webhook("b");

  private final QuietTargets quiet = new QuietTargets();

  @Test
  void aTargetIsQuietUntilItsSpellEnds() {
    quiet.quietUntil(A, NOW.plusSeconds(1), quiet.mark());

    assertThat(quiet.isQuiet(A, NOW)).isTrue();
    assertThat(quiet.isQuiet(A, NOW.plusSeconds(1))).isFalse();
    assertThat(quiet.isQuiet(B, NOW)).isFalse();
    assertThat(quiet.earliestEnd(NOW)).contains(NOW.plusSeconds(1));
    assertThat(quiet.earliestEnd(NOW.plusSeconds(1))).isEmpty();
  }

  @Test
  void aStirEndsTheSpellOfItsTargetsOnly() {
    long mark = quiet.mark();
    quiet.quietUntil(A, NOW.plusSeconds(1), mark);
    quiet.quietUntil(B, NOW.plusSeconds(1), mark);

    quiet.stirred(List.of(A));

    assertThat(quiet.isQuiet(A, NOW)).isFalse();
    assertThat(quiet.isQuiet(B, NOW)).isTrue();
  }

  @Test
  void whatWasReadBeforeAStirIsNotTrusted() {
    long mark = quiet.mark();
    quiet.stirred(List.of(A)); // e.g. an outcome recorded between the claim and the look-up

    quiet.quietUntil(A, NOW.plusSeconds(1), mark);
    quiet.quietUntil(B, NOW.plusSeconds(1), mark);

    assertThat(quiet.isQuiet(A, NOW)).isFalse();
    assertThat(quiet.isQuiet(B, NOW)).isTrue();
  }

  @Test
  void stirringAllEndsEverySpellAndDistrustsEarlierReads() {
    long mark = quiet.mark();
    quiet.quietUntil(A, NOW.plusSeconds(1), mark);

    quiet.stirredAll();
    quiet.quietUntil(B, NOW.plusSeconds(1), mark);

    assertThat(quiet.isQuiet(A, NOW)).isFalse();
    assertThat(quiet.isQuiet(B, NOW)).isFalse();
    quiet.quietUntil(B, NOW.plusSeconds(1), quiet.mark());
    assertThat(quiet.isQuiet(B, NOW)).isTrue();
  }
}
