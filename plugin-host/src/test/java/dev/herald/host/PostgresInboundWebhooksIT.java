package dev.herald.host;

class PostgresInboundWebhooksIT extends InboundWebhooksContract {

  private final TestDatabase database = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return database;
  }
}
