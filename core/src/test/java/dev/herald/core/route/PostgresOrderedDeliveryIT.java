package dev.herald.core.route;

import dev.herald.core.route.OrderedDeliveryRun.Plan;
import dev.herald.core.route.OrderedDeliveryRun.Result;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ordered delivery on PostgreSQL with two nodes routing and claiming from one database: a key is
 * never in flight on both, never out of order, and nothing is lost across restarts.
 */
class PostgresOrderedDeliveryIT {

  @Property(tries = 12)
  void keysArriveInOrderAcrossNodes(@ForAll("plans") Plan plan) throws Exception {
    PostgresSettings database = TestPostgres.freshDatabase();
    Result result = OrderedDeliveryRun.run(plan, () -> PostgresDatabase.open(database));
    OrderedDeliveryChecks.check(plan, result);
  }

  @Provide
  Arbitrary<Plan> plans() {
    return OrderedDeliveryChecks.plans(2);
  }
}
