package dev.herald.host;

/** {@link WebhookDeliveryControlContract} on SQLite. */
class SqliteWebhookDeliveryControlIT extends WebhookDeliveryControlContract {

  SqliteWebhookDeliveryControlIT() {
    super(TestDatabase.sqlite());
  }
}
