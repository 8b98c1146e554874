package dev.herald.core.outbox;

import static dev.herald.core.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox contract on PostgreSQL, and why routing there marks rows: ids commit out of order
 * under concurrent writers, and routers on several nodes run at once.
 */
class PostgresOutboxStoreIT extends OutboxStoreContract {

  private PostgresSettings settings;

  @Override
  protected Database open(Path folder) {
    if (settings == null) {
      settings = TestPostgres.freshDatabase();
    }
    return PostgresDatabase.open(settings);
  }

  @Test
  void anEventThatCommitsAfterALargerIdIsStillRoutedOnce() throws Exception {
    EventEnvelope early = events.json("user.created", "", "{}");
    EventEnvelope late = events.json("user.created", "", "{}");
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    // The first writer takes the smaller id and commits last.
    CompletableFuture<Void> slowWriter =
        CompletableFuture.runAsync(
            () ->
                database.write(
                    tx -> {
                      store.append(tx, List.of(early), clock.instant());
                      appended.countDown();
                      await(commit);
                      return null;
                    }));
    assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
    append(late);

    OutboxStore.Unrouted first = unrouted(10);
    assertThat(first.events()).extracting(OutboxEvent::eventId).containsExactly(late.getEventId());
    assertThat(markRouted(first)).hasSize(1);
    commit.countDown();
    slowWriter.get(30, TimeUnit.SECONDS);

    OutboxStore.Unrouted second = unrouted(10);
    assertThat(second.events())
        .extracting(OutboxEvent::eventId)
        .containsExactly(early.getEventId());
    assertThat(second.events().getFirst().id()).isLessThan(first.events().getFirst().id());
    assertThat(markRouted(second)).hasSize(1);
    assertThat(unrouted(10).events()).isEmpty();
  }

  @Test
  void routersOnTwoNodesSplitEventsWithoutWaitingAndARollbackFreesThem() throws Exception {
    append(events.json("user.created", "", "{}"), events.json("user.created", "", "{}"));
    OutboxStore.Unrouted batch = unrouted(10);
    CountDownLatch marked = new CountDownLatch(1);
    CountDownLatch rollBack = new CountDownLatch(1);
    CompletableFuture<Void> firstRouter =
        CompletableFuture.runAsync(
            () -> {
              try {
                database.write(
                    tx -> {
                      store.markRouted(tx, batch);
                      marked.countDown();
                      await(rollBack);
                      throw new IllegalStateException("the first router dies mid-transaction");
                    });
              } catch (IllegalStateException expected) {
                // rolled back
              }
            });
    assertThat(marked.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(markRouted(batch)).as("held by the first router: skipped at once").isEmpty();
    rollBack.countDown();
    firstRouter.get(30, TimeUnit.SECONDS);

    assertThat(markRouted(batch)).isEqualTo(batch.events());
    assertThat(unrouted(10).events()).isEmpty();
  }
}
