package dev.herald.core.route;

import dev.herald.core.route.OrderedDeliveryRun.Plan;
import dev.herald.core.route.OrderedDeliveryRun.Result;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ordered delivery on SQLite: whatever fails, times out or restarts, the receiver never sees an
 * event of a key before every earlier one of that key was acknowledged (or given up on), never two
 * of a key at once, and nothing is lost.
 */
class OrderedDeliveryProperties {

  @Property(tries = 30)
  void keysArriveInOrderAndNothingIsLost(@ForAll("plans") Plan plan) throws Exception {
    Path folder = Files.createTempDirectory("herald-ordered");
    try {
      Result result =
          OrderedDeliveryRun.run(plan, () -> SqliteDatabase.open(folder.resolve("herald.db")));
      OrderedDeliveryChecks.check(plan, result);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<Plan> plans() {
    return OrderedDeliveryChecks.plans(1);
  }
}
