package dev.herald.host;

/** {@link OrderedDeliveryContract} on SQLite. */
class SqliteOrderedDeliveryIT extends OrderedDeliveryContract {

  SqliteOrderedDeliveryIT() {
    super(TestDatabase.sqlite());
  }
}
