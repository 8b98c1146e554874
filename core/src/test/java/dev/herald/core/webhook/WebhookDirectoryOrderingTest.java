package dev.herald.core.webhook;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookDirectoryOrderingTest {

  @TempDir Path folder;
  private Database database;
  private WebhookDirectory directory;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    directory =
        new WebhookDirectory(
            database,
            Stores.of(database, TestKeys.keyring(database)).webhooks(),
            new SettableClock(Instant.parse("2026-02-01T00:00:00Z")),
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void anOrderedEndpointHasItsOrderingAndMakesTheRouterLoadEnvelopes() {
    Ordering byAccount = new Ordering(OrderKey.parse("payload.account_id"), DeadHeadPolicy.SKIP);
    directory.syncConfigured(
        List.of(
            endpoint("ordered", "https://o.example", "*").withOrdering(Optional.of(byAccount)),
            endpoint("plain", "https://p.example", "*")));

    assertThat(directory.ordering(TargetRef.webhook("ordered"))).contains(byAccount);
    assertThat(directory.ordering(TargetRef.webhook("plain"))).isEmpty();
    assertThat(directory.ordering(TargetRef.webhook("unknown"))).isEmpty();
    assertThat(directory.contentDocuments()).isPresent();

    directory.syncConfigured(
        List.of(
            endpoint("ordered", "https://o.example", "*"),
            endpoint("plain", "https://p.example", "*")));

    assertThat(directory.ordering(TargetRef.webhook("ordered"))).isEmpty();
    assertThat(directory.contentDocuments())
        .as("no endpoint is ordered and none has a content pattern")
        .isEmpty();
  }
}
