package dev.herald.core.webhook;

import dev.herald.core.Stores;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import dev.herald.core.testing.TestKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook endpoint store on a fresh database of the subclass's kind, and the reads and writes its
 * contracts share.
 */
abstract class WebhookStoreFixture {

  static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;
  Database database;
  SecretKeyring keyring;
  WebhookEndpointStore store;

  @BeforeEach
  void openDatabase() {
    database = open(folder);
    keyring = TestKeys.keyring(database);
    store = Stores.of(database, keyring).webhooks();
  }

  @AfterEach
  void close() {
    database.close();
  }

  <T> T write(Function<DSLContext, T> change) {
    return database.write(change);
  }

  boolean changed(Function<DSLContext, Boolean> change) {
    return database.write(change);
  }

  void sync(WebhookEndpoint... configured) {
    write(
        tx -> {
          store.syncConfigured(tx, List.of(configured), NOW);
          return null;
        });
  }

  void update(WebhookEndpoint changed) {
    write(
        tx -> {
          store.update(tx, changed, NOW);
          return null;
        });
  }

  WebhookEndpoint stored(String id) {
    return database.read(store::all).stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static WebhookEndpoint api(WebhookEndpoint e) {
    return new WebhookEndpoint(
        e.id(),
        e.realmId(),
        e.url(),
        e.secret(),
        e.status(),
        e.timeout(),
        e.maxInFlight(),
        e.subscriptions(),
        WebhookEndpoint.Source.API);
  }
}
