package dev.herald.host;

/** {@link WebhookDeliveryContract} on PostgreSQL. */
class PostgresWebhookDeliveryIT extends WebhookDeliveryContract {

  PostgresWebhookDeliveryIT() {
    super(TestDatabase.postgres());
  }
}
