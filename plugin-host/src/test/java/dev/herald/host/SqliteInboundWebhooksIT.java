package dev.herald.host;

class SqliteInboundWebhooksIT extends InboundWebhooksContract {

  private final TestDatabase database = TestDatabase.sqlite();

  @Override
  protected TestDatabase database() {
    return database;
  }
}
