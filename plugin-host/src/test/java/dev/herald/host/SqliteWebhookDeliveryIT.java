package dev.herald.host;

/** {@link WebhookDeliveryContract} on SQLite. */
class SqliteWebhookDeliveryIT extends WebhookDeliveryContract {

  SqliteWebhookDeliveryIT() {
    super(TestDatabase.sqlite());
  }
}
