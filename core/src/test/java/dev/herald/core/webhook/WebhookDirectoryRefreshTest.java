package dev.herald.core.webhook;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.HeldReload;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A periodic refresh that read before an endpoint was created, racing the creator's refresh: the
 * snapshot must end with the endpoint, whichever refresh finishes last (seen in CI as a 404 from
 * creating a webhook on PostgreSQL).
 */
class WebhookDirectoryRefreshTest {

  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  @TempDir Path folder;
  private Database database;
  private WebhookEndpointStore store;
  private final HeldReload race = new HeldReload();
  private final AtomicBoolean holdNextRead = new AtomicBoolean();
  private WebhookDirectory directory;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    store = Stores.of(database, TestKeys.keyring(database)).webhooks();
    directory =
        new WebhookDirectory(
            database,
            holdingReads(store),
            new SettableClock(NOW),
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aRefreshThatReadBeforeAnInsertDoesNotHideTheInsertedEndpoint() throws Exception {
    holdNextRead.set(true);
    race.race(
        directory::refresh,
        () -> {
          database.write(tx -> store.insert(tx, endpoint("crm", "https://crm.example", "*"), NOW));
          directory.refresh();
        });

    assertThat(directory.find("crm")).as("the endpoint just created").isPresent();
  }

  /** The store, except that an armed {@code all} is held after it read. */
  private WebhookEndpointStore holdingReads(WebhookEndpointStore real) {
    return (WebhookEndpointStore)
        Proxy.newProxyInstance(
            WebhookEndpointStore.class.getClassLoader(),
            new Class<?>[] {WebhookEndpointStore.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("all") && holdNextRead.compareAndSet(true, false)) {
                race.heldAfterRead();
              }
              return result;
            });
  }
}
