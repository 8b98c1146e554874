package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StuckTargetsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final TargetRef BILLING = TargetRef.webhook("billing");
  private final Set<TargetRef> held = new HashSet<>();
  private final StuckTargets rule = new StuckTargets(Duration.ofMinutes(15), () -> held);

  private static TargetStats dueSince(Instant due) {
    return new TargetStats(1, 0, 0, 0, Optional.of(due), Optional.of(due));
  }

  @Test
  void aTargetIsStuckOnlyOnceItsEarliestDueDeliveryWaitedPastTheThreshold() {
    assertThat(rule.stuck(BILLING, dueSince(NOW.minus(Duration.ofMinutes(15))), NOW)).isFalse();
    assertThat(rule.stuck(BILLING, dueSince(NOW.minus(Duration.ofMinutes(16))), NOW)).isTrue();
  }

  @Test
  void workDueInTheFutureOrNoWorkIsNeverStuck() {
    // A retry scheduled for later, created long ago: waiting, but not due.
    TargetStats scheduled =
        new TargetStats(
            0,
            1,
            0,
            0,
            Optional.of(NOW.minus(Duration.ofDays(1))),
            Optional.of(NOW.plus(Duration.ofHours(1))));

    assertThat(rule.stuck(BILLING, scheduled, NOW)).isFalse();
    assertThat(rule.stuck(BILLING, TargetStats.EMPTY, NOW)).isFalse();
  }

  @Test
  void aHeldTargetWaitsOnPurposeAndIsNotStuck() {
    TargetStats old = dueSince(NOW.minus(Duration.ofHours(2)));
    held.add(BILLING);

    assertThat(rule.stuck(BILLING, old, NOW)).isFalse();
    assertThat(rule.stuck(Map.of("webhook:billing", old, "plugin:crm", old), NOW))
        .containsExactly("plugin:crm");
  }

  @Test
  void listsStuckTargetsSortedByKey() {
    TargetStats old = dueSince(NOW.minus(Duration.ofHours(2)));
    TargetStats fresh = dueSince(NOW.minus(Duration.ofMinutes(1)));

    assertThat(
            rule.stuck(
                Map.of("webhook:b", old, "webhook:a", old, "webhook:c", fresh, "plugin:z", old),
                NOW))
        .containsExactly("plugin:z", "webhook:a", "webhook:b");
  }

  @Test
  void refusesAThresholdThatIsNotPositive() {
    assertThatThrownBy(() -> new StuckTargets(Duration.ZERO, Set::of))
        .hasMessage("after: PT0S (expected: > 0)");
  }
}
