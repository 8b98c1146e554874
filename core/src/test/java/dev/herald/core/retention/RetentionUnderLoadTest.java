package dev.herald.core.retention;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestPipeline;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing and delivering without a break while retention purges, with a real router on a real
 * SQLite file: nothing waiting is lost, and the tables stop growing.
 */
class RetentionUnderLoadTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration KEEP = Duration.ofMillis(200);
  private static final int BURSTS = 20;
  private static final int BURST = 100;

  @TempDir Path folder;

  private final Set<String> delivered = ConcurrentHashMap.newKeySet();

  // Every fifth event fails its first attempt, so retries wait (scheduled) while purges run.
  private DeliveryResult answer(DeliveryAttempt attempt) {
    String eventId = attempt.envelope().getEventId();
    if (attempt.attempt() == 1 && Math.floorMod(eventId.hashCode(), 5) == 0) {
      return DeliveryResult.retry(null, "http_status", "HTTP 503");
    }
    delivered.add(eventId);
    return DeliveryResult.delivered();
  }

  @Test
  void nothingWaitingIsLostAndTheTablesStopGrowing() throws Exception {
    ScriptedDispatcher dispatcher = new ScriptedDispatcher("webhook", this::answer);
    try (TestPipeline pipeline =
        TestPipeline.start(
            folder,
            List.of(endpoint("hook", "https://hook.example/", "*")),
            w -> dispatcher,
            TestPipeline.FAST_RETRIES)) {
      Retention retention =
          new Retention(
              pipeline.database,
              PurgeSteps.of(
                  Stores.of(pipeline.database),
                  new RetentionPolicy(
                      Optional.of(KEEP), Optional.of(KEEP), Optional.of(KEEP), Optional.of(KEEP))),
              new RetentionSettings(Duration.ofMillis(10), 50, Duration.ofMillis(1), 100),
              Clock.systemUTC());
      AtomicBoolean stop = new AtomicBoolean();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Thread purger =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        retention.runPass();
                      } catch (RuntimeException e) {
                        failures.add(e);
                      }
                    }
                  });

      List<String> published = new ArrayList<>();
      long peak = 0;
      for (int burst = 0; burst < BURSTS; burst++) {
        for (int i = 0; i < BURST; i++) {
          EventEnvelope event = pipeline.events.json("user.created", "", "{\"n\":" + i + "}");
          pipeline.engine.bus().publish(event);
          published.add(event.getEventId());
        }
        await().atMost(WAIT).until(() -> delivered.containsAll(published));
        peak = Math.max(peak, rows(pipeline));
      }
      await().atMost(WAIT).until(() -> rows(pipeline) == 0);
      stop.set(true);
      purger.join();

      assertThat(failures).isEmpty();
      assertThat(delivered).containsAll(published);
      assertThat(peak)
          .as("rows at most (each event makes at least three: event, delivery, attempt log)")
          .isLessThan(BURSTS * BURST);
    }
  }

  /** Returns the rows of events, deliveries and attempt logs together. */
  private static long rows(TestPipeline pipeline) {
    return pipeline.database.read(
        ctx ->
            (long) ctx.fetchCount(EVENT_OUTBOX)
                + ctx.fetchCount(DELIVERIES)
                + ctx.fetchCount(DELIVERY_LOGS));
  }
}
