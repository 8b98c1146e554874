package dev.herald.host;

/** {@link WebhookAdminContract} on SQLite. */
class SqliteWebhookAdminIT extends WebhookAdminContract {

  SqliteWebhookAdminIT() {
    super(TestDatabase.sqlite());
  }
}
