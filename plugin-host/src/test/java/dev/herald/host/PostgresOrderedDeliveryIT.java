package dev.herald.host;

/** {@link OrderedDeliveryContract} on PostgreSQL. */
class PostgresOrderedDeliveryIT extends OrderedDeliveryContract {

  PostgresOrderedDeliveryIT() {
    super(TestDatabase.postgres());
  }
}
