package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The backlog as gauges: deliveries by target and state, each target's lag, how long its due work
 * has waited and whether it is stuck, and the events not yet routed. Rows follow the targets that
 * exist or have a backlog (zero when they have none); {@link #refresh()} updates them from the
 * cached {@link Backlog}, so call it before each scrape.
 */
public final class BacklogMeters {

  private static final List<String> STATES = List.of("pending", "scheduled", "in_flight", "dead");

  private final Backlog backlog;
  private final StuckTargets stuck;
  private final Clock clock;
  private final Supplier<? extends Collection<TargetRef>> known;
  private final MultiGauge deliveries;
  private final MultiGauge lag;
  private final MultiGauge due;
  private final MultiGauge stuckGauge;

  /**
   * Registers the gauges; they hold no rows until the first {@link #refresh()}.
   *
   * @param known the configured targets, shown with zeros while they have no backlog
   */
  public BacklogMeters(
      MeterRegistry registry,
      Backlog backlog,
      StuckTargets stuck,
      Supplier<? extends Collection<TargetRef>> known,
      Clock clock) {
    requireNonNull(registry, "registry");
    this.known = requireNonNull(known, "known");
    this.backlog = requireNonNull(backlog, "backlog");
    this.stuck = requireNonNull(stuck, "stuck");
    this.clock = requireNonNull(clock, "clock");
    this.deliveries =
        MultiGauge.builder("herald.deliveries")
            .description("Deliveries waiting or dead, by target and state")
            .register(registry);
    this.lag =
        MultiGauge.builder("herald.delivery.lag")
            .baseUnit("seconds")
            .description("Age of the target's oldest waiting delivery")
            .register(registry);
    this.due =
        MultiGauge.builder("herald.delivery.oldest.due")
            .baseUnit("seconds")
            .description("How long the target's earliest due delivery has been due")
            .register(registry);
    this.stuckGauge =
        MultiGauge.builder("herald.target.stuck")
            .description("1 when the target's due work waits past delivery.stuck_after")
            .register(registry);
    Gauge.builder("herald.outbox.unrouted", backlog, b -> b.current().unroutedEvents())
        .description("Events stored in the outbox and not yet routed into deliveries")
        .baseUnit("events")
        .strongReference(true)
        .register(registry);
  }

  /** Updates every row from the backlog (queried again only when its snapshot is old). */
  public void refresh() {
    Map<String, TargetStats> targets = new TreeMap<>(backlog.current().targets());
    known.get().forEach(target -> targets.putIfAbsent(target.key(), TargetStats.EMPTY));
    Instant now = clock.instant();
    List<MultiGauge.Row<?>> counts = new ArrayList<>();
    List<MultiGauge.Row<?>> lags = new ArrayList<>();
    List<MultiGauge.Row<?>> dues = new ArrayList<>();
    List<MultiGauge.Row<?>> stucks = new ArrayList<>();
    targets.forEach(
        (key, stats) -> {
          Tags target = Tags.of("target", key);
          long[] byState = {stats.pending(), stats.scheduled(), stats.inFlight(), stats.dead()};
          for (int i = 0; i < STATES.size(); i++) {
            counts.add(MultiGauge.Row.of(target.and("state", STATES.get(i)), byState[i]));
          }
          lags.add(MultiGauge.Row.of(target, seconds(stats.oldestWaitingAge(now).orElse(null))));
          dues.add(MultiGauge.Row.of(target, seconds(stats.oldestDueAge(now).orElse(null))));
          stucks.add(
              MultiGauge.Row.of(target, stuck.stuck(TargetRef.parse(key), stats, now) ? 1 : 0));
        });
    deliveries.register(counts, true);
    lag.register(lags, true);
    due.register(dues, true);
    stuckGauge.register(stucks, true);
  }

  private static double seconds(Duration age) {
    return age == null ? 0 : age.toNanos() / 1e9;
  }
}
