package dev.herald.host;

/** {@link WebhookDeliveryControlContract} on PostgreSQL. */
class PostgresWebhookDeliveryControlIT extends WebhookDeliveryControlContract {

  PostgresWebhookDeliveryControlIT() {
    super(TestDatabase.postgres());
  }
}
