package dev.herald.host;

/** {@link DeliveryAdminContract} on PostgreSQL. */
class PostgresDeliveryAdminIT extends DeliveryAdminContract {

  PostgresDeliveryAdminIT() {
    super(TestDatabase.postgres());
  }
}
