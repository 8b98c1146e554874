package dev.herald.host;

/** {@link WebhookAdminContract} on PostgreSQL. */
class PostgresWebhookAdminIT extends WebhookAdminContract {

  PostgresWebhookAdminIT() {
    super(TestDatabase.postgres());
  }
}
