package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.route.OrderedDeliveryRun.Plan;
import dev.herald.core.route.OrderedDeliveryRun.Result;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The plans ordered-delivery properties run, and what every run must show. */
final class OrderedDeliveryChecks {

  private OrderedDeliveryChecks() {}

  /** Plans on {@code nodes} routers: a few to many keys, random failures, timeouts, restarts. */
  static Arbitrary<Plan> plans(int nodes) {
    return Combinators.combine(
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 10),
            Arbitraries.doubles().between(0.0, 0.4),
            Arbitraries.doubles().between(0.0, 0.2),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(DeadHeadPolicy.class),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1, 8))
        .as(
            (keys, perKey, fail, timeout, poison, onDead, restarts, maxInFlight) ->
                new Plan(
                    keys,
                    perKey,
                    fail,
                    timeout,
                    poison,
                    onDead,
                    nodes,
                    restarts,
                    maxInFlight,
                    (long) keys * 1_000_003 + perKey * 7919L + poison));
  }

  /**
   * Asserts the receiver saw no key out of order nor two of a key at once, and every event ended
   * delivered, except poison: dead where the key skips it, discarded or (fixed) delivered where it
   * blocks.
   */
  static void check(Plan plan, Result result) {
    assertThat(result.violations()).as("order violations").isEmpty();
    assertThat(result.statusByEvent()).as("a delivery per event").hasSize(result.events());
    for (Map.Entry<String, String> entry : result.statusByEvent().entrySet()) {
      String eventId = entry.getKey();
      String status = entry.getValue();
      if (!result.poison().contains(eventId) || result.cured().contains(eventId)) {
        assertThat(status).as("event %s", eventId).isEqualTo("succeeded");
      } else if (plan.onDead() == DeadHeadPolicy.SKIP) {
        assertThat(status).as("poison %s", eventId).isEqualTo("dead");
      } else {
        assertThat(status).as("poison %s", eventId).isEqualTo("discarded");
      }
    }
  }
}
