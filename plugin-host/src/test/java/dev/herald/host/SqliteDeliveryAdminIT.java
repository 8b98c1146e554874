package dev.herald.host;

/** {@link DeliveryAdminContract} on SQLite. */
class SqliteDeliveryAdminIT extends DeliveryAdminContract {

  SqliteDeliveryAdminIT() {
    super(TestDatabase.sqlite());
  }
}
