package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.OUTBOX_CURSOR;
import static dev.herald.core.testing.Endpoints.endpoint;
import static dev.herald.core.testing.Endpoints.inRealm;
import static dev.herald.core.testing.Endpoints.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestPipeline;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private TestPipeline pipeline;
  private ScriptedDispatcher dispatcher;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private void start(
      Function<DeliveryAttempt, DeliveryResult> script,
      dev.herald.core.webhook.WebhookEndpoint... endpoints) {
    dispatcher = new ScriptedDispatcher("webhook", script);
    pipeline =
        TestPipeline.start(folder, List.of(endpoints), w -> dispatcher, TestPipeline.FAST_RETRIES);
  }

  private EventEnvelope publish(String type, String realm) {
    EventEnvelope event = pipeline.events.json(type, realm, "{\"n\":1}");
    pipeline.engine.bus().publish(event).join();
    return event;
  }

  private List<DeliveryLogsRecord> logs() {
    return pipeline.database.read(
        ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  private List<String> statuses() {
    return pipeline.database.read(
        ctx ->
            ctx.select(DELIVERIES.STATUS)
                .from(DELIVERIES)
                .orderBy(DELIVERIES.ID)
                .fetch(DELIVERIES.STATUS));
  }

  @Test
  void deliversEachEventToExactlyTheMatchingTargets() {
    start(
        a -> DeliveryResult.delivered(),
        endpoint("all", "http://127.0.0.1:1/all", "*"),
        endpoint("users", "http://127.0.0.1:1/users", "user.*"),
        inRealm(endpoint("acme-groups", "http://127.0.0.1:1/g", "group.created"), "acme"));

    publish("user.role.assigned", "acme");
    publish("group.created", "acme");
    publish("group.created", "other");

    await().atMost(WAIT).until(() -> dispatcher.attempts().size() == 5);
    await().atMost(WAIT).until(() -> statuses().stream().allMatch("succeeded"::equals));
    assertThat(dispatcher.attempts())
        .extracting(
            a ->
                a.target().id()
                    + "<-"
                    + a.envelope().getEventType()
                    + "@"
                    + a.envelope().getRealmId())
        .containsExactlyInAnyOrder(
            "all<-user.role.assigned@acme",
            "users<-user.role.assigned@acme",
            "all<-group.created@acme",
            "acme-groups<-group.created@acme",
            "all<-group.created@other");
    assertThat(logs())
        .hasSize(5)
        .allSatisfy(log -> assertThat(log.getOutcome()).isEqualTo("succeeded"));
  }

  @Test
  void retriesUntilTheTargetAcceptsWithOneLogRowPerAttempt() {
    start(
        a ->
            a.attempt() <= 2
                ? DeliveryResult.retry(null, "http_status", "server error").withHttp(500, "boom")
                : DeliveryResult.delivered().withHttp(204, ""),
        endpoint("flaky", "http://127.0.0.1:1/flaky", "user.created"));

    EventEnvelope event = publish("user.created", "");

    await().atMost(WAIT).until(() -> statuses().equals(List.of("succeeded")));
    assertThat(dispatcher.attempts()).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(dispatcher.attempts()).allSatisfy(a -> assertThat(a.envelope()).isEqualTo(event));
    List<DeliveryLogsRecord> logs = logs();
    assertThat(logs).extracting(DeliveryLogsRecord::getAttempt).containsExactly(1L, 2L, 3L);
    assertThat(logs)
        .extracting(DeliveryLogsRecord::getOutcome)
        .containsExactly("retry", "retry", "succeeded");
    assertThat(logs)
        .extracting(DeliveryLogsRecord::getHttpStatus)
        .containsExactly(500L, 500L, 204L);
    assertThat(logs)
        .extracting(DeliveryLogsRecord::getResponseExcerpt)
        .containsExactly("boom", "boom", "");
    assertThat(logs)
        .allSatisfy(log -> assertThat(log.getLatencyMicros()).isGreaterThanOrEqualTo(0L));
    Long attemptCount =
        pipeline.database.read(
            ctx ->
                ctx.select(DELIVERIES.ATTEMPT_COUNT)
                    .from(DELIVERIES)
                    .fetchOne(DELIVERIES.ATTEMPT_COUNT));
    assertThat(attemptCount).isEqualTo(3L);
  }

  @Test
  void deadLettersAfterTheLastAttempt() {
    start(
        a -> DeliveryResult.retry(null, "http_status", "down").withHttp(503, ""),
        endpoint("down", "http://127.0.0.1:1/down", "user.created"));

    publish("user.created", "");

    await().atMost(WAIT).until(() -> statuses().equals(List.of("dead")));
    assertThat(logs())
        .extracting(DeliveryLogsRecord::getOutcome)
        .containsExactly("retry", "retry", "retry", "dead");
    String lastError =
        pipeline.database.read(
            ctx ->
                ctx.select(DELIVERIES.LAST_ERROR).from(DELIVERIES).fetchOne(DELIVERIES.LAST_ERROR));
    assertThat(lastError).contains("retries exhausted after 4 attempts").contains("HTTP 503");
  }

  @Test
  void rejectionDeadLettersAtOnce() {
    start(
        a -> DeliveryResult.rejected("invalid", "payload refused"),
        endpoint("picky", "http://127.0.0.1:1/picky", "*"));

    publish("user.created", "");

    await().atMost(WAIT).until(() -> statuses().equals(List.of("dead")));
    assertThat(dispatcher.attempts()).hasSize(1);
  }

  @Test
  void goneDisablesTheEndpointAndLaterEventsSkipIt() {
    start(
        a ->
            new DeliveryResult(
                new DeliveryOutcome.Gone("HTTP 410"), 410, null, "gone", "HTTP 410", ""),
        endpoint("gone", "http://127.0.0.1:1/gone", "*"));

    publish("user.created", "");
    await().atMost(WAIT).until(() -> statuses().equals(List.of("dead")));
    await()
        .atMost(WAIT)
        .until(
            () -> pipeline.webhooks.find("gone").orElseThrow().status() == EndpointStatus.DISABLED);

    publish("user.updated", "");
    await()
        .atMost(WAIT)
        .until(
            () ->
                pipeline.database.read(
                    ctx ->
                        ctx.fetchValue(ctx.select(OUTBOX_CURSOR.LAST_ID).from(OUTBOX_CURSOR))
                            .equals(
                                ctx.fetchValue(
                                    ctx.select(DSL.max(EVENT_OUTBOX.ID)).from(EVENT_OUTBOX)))));
    assertThat(statuses()).containsExactly("dead");
  }

  @Test
  void pausedEndpointAccumulatesDeliveriesAndDrainsOnResume() {
    var paused = withStatus(endpoint("p", "http://127.0.0.1:1/p", "*"), EndpointStatus.PAUSED);
    start(a -> DeliveryResult.delivered(), paused);

    for (int i = 0; i < 5; i++) {
      publish("user.created", "");
    }
    await().atMost(WAIT).until(() -> statuses().size() == 5);
    assertThat(statuses()).containsOnly("pending");
    assertThat(dispatcher.attempts()).isEmpty();

    pipeline.webhooks.syncConfigured(List.of(withStatus(paused, EndpointStatus.ACTIVE)));
    pipeline.engine.router().wake();

    await().atMost(WAIT).until(() -> statuses().stream().allMatch("succeeded"::equals));
    assertThat(dispatcher.attempts()).hasSize(5);
  }

  @Test
  void pausedEndpointsBacklogHoldsUpNoOtherEndpoint() {
    var paused = withStatus(endpoint("p", "http://127.0.0.1:1/p", "*"), EndpointStatus.PAUSED);
    start(a -> DeliveryResult.delivered(), paused, endpoint("live", "http://127.0.0.1:1/l", "*"));

    for (int i = 0; i < 300; i++) {
      publish("user.created", "");
    }

    await()
        .atMost(WAIT)
        .until(
            () ->
                pipeline.database.read(
                        ctx ->
                            ctx.fetchCount(
                                DELIVERIES,
                                DELIVERIES.TARGET.eq("webhook:live"),
                                DELIVERIES.STATUS.eq("succeeded")))
                    == 300);
    assertThat(dispatcher.attempts())
        .hasSize(300)
        .allSatisfy(a -> assertThat(a.target().id()).isEqualTo("live"));
    int pausedPending =
        pipeline.database.read(
            ctx ->
                ctx.fetchCount(
                    DELIVERIES,
                    DELIVERIES.TARGET.eq("webhook:p"),
                    DELIVERIES.STATUS.eq("pending")));
    assertThat(pausedPending).isEqualTo(300);
  }

  @Test
  void attemptsStartOffTheRoutersThread() {
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    start(
        a -> DeliveryResult.delivered(),
        endpoint("a", "http://127.0.0.1:1/a", "*"),
        endpoint("b", "http://127.0.0.1:1/b", "*"));
    dispatcher.onDispatch(() -> threads.add(Thread.currentThread().getName()));

    for (int i = 0; i < 20; i++) {
      publish("user.created", "");
    }

    await().atMost(WAIT).until(() -> threads.size() == 40);
    assertThat(threads).doesNotContain("herald-router", "herald-outcome-recorder");
  }

  @Test
  void honoursPerTargetConcurrencyLimit() {
    AtomicReference<Integer> peak = new AtomicReference<>(0);
    java.util.concurrent.atomic.AtomicInteger running =
        new java.util.concurrent.atomic.AtomicInteger();
    start(
        a -> {
          int now = running.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          try {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            return DeliveryResult.delivered();
          } finally {
            running.decrementAndGet();
          }
        },
        endpoint("narrow", "http://127.0.0.1:1/n", "*"));

    for (int i = 0; i < 40; i++) {
      publish("user.created", "");
    }

    await()
        .atMost(WAIT)
        .until(() -> statuses().size() == 40 && statuses().stream().allMatch("succeeded"::equals));
    assertThat(peak.get()).isLessThanOrEqualTo(8);
  }

  @Test
  void retryAfterHintDelaysTheNextAttempt() {
    start(
        a ->
            a.attempt() == 1
                ? new DeliveryResult(
                    new DeliveryOutcome.Retry(Optional.of(Duration.ofHours(1))),
                    429,
                    null,
                    "http_status",
                    "slow down",
                    "")
                : DeliveryResult.delivered(),
        endpoint("limited", "http://127.0.0.1:1/l", "*"));

    publish("user.created", "");

    await().atMost(WAIT).until(() -> statuses().equals(List.of("scheduled")));
    long nextAttemptAt =
        pipeline.database.read(
            ctx ->
                ctx.select(DELIVERIES.NEXT_ATTEMPT_AT)
                    .from(DELIVERIES)
                    .fetchOne(DELIVERIES.NEXT_ATTEMPT_AT));
    assertThat(nextAttemptAt - System.currentTimeMillis())
        .isGreaterThan(Duration.ofMinutes(59).toMillis());
    assertThat(dispatcher.attempts()).hasSize(1);
  }

  @Test
  void shutdownGivesBackAttemptsThatDidNotFinishInTime() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    start(
        a -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return DeliveryResult.delivered();
        },
        endpoint("stuck", "http://127.0.0.1:1/stuck", "*"));
    for (int i = 0; i < 3; i++) {
      publish("user.created", "");
    }
    try {
      assertThat(started.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      pipeline.engine.close();
    } finally {
      release.countDown();
    }

    var rows =
        pipeline.database.read(
            ctx ->
                ctx.select(DELIVERIES.STATUS, DELIVERIES.LEASE_OWNER, DELIVERIES.ATTEMPT_COUNT)
                    .from(DELIVERIES)
                    .fetch());
    assertThat(rows).hasSize(3);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.value1()).isEqualTo("pending");
              assertThat(r.value2()).isNull();
              assertThat(r.value3()).isZero();
            });
    assertThat(logs()).isEmpty();
  }
}
