package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.AUDIT_LOG;
import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Stores;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.JooqAuditLogStore;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.retention.PurgeSteps;
import dev.herald.core.retention.Retention;
import dev.herald.core.retention.RetentionPolicy;
import dev.herald.core.retention.RetentionSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What retention deletes and what it never touches, whatever the database; one subclass per
 * database. Batches of two rows, so every step takes several.
 */
abstract class RetentionContract extends DeliveryStoreFixture {

  private static final Duration MONTH = Duration.ofDays(31);

  private Map<String, Integer> purge(RetentionPolicy policy) {
    return new Retention(
            database,
            PurgeSteps.of(Stores.of(database), policy),
            new RetentionSettings(Duration.ofMinutes(1), 2, Duration.ZERO, 10),
            clock)
        .runPass();
  }

  private List<Long> deliveryIds() {
    return database.read(
        ctx ->
            ctx.select(DELIVERIES.ID).from(DELIVERIES).orderBy(DELIVERIES.ID).fetch(DELIVERIES.ID));
  }

  private List<Long> eventRows() {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.ID)
                .from(EVENT_OUTBOX)
                .orderBy(EVENT_OUTBOX.ID)
                .fetch(EVENT_OUTBOX.ID));
  }

  private List<Long> loggedDeliveries() {
    return database.read(
        ctx ->
            ctx.selectDistinct(DELIVERY_LOGS.DELIVERY_ID)
                .from(DELIVERY_LOGS)
                .orderBy(DELIVERY_LOGS.DELIVERY_ID)
                .fetch(DELIVERY_LOGS.DELIVERY_ID));
  }

  private long outboxId(long deliveryId) {
    return row(deliveryId).getOutboxId();
  }

  private ClaimedDelivery claimOne(TargetRef target) {
    return claim("w1", target).getFirst();
  }

  @Test
  void purgeRemovesExactlyOldFinishedDeliveriesTheirLogsAndEventsLeftWithoutDeliveries() {
    // A month ago: every state a delivery can be in, some on one event.
    long succeeded = deliver(A).getFirst();
    record("w1", succeeded(claimOne(A)));
    long dead = deliver(B).getFirst();
    record("w1", dead(claimOne(B)));
    long discarded = deliver(C).getFirst();
    record("w1", dead(claimOne(C)));
    write(tx -> store.discard(tx, discarded, clock.instant()));
    List<Long> sharedEvent = deliver(A, B); // A succeeds, B is never attempted
    record("w1", succeeded(claim("w1", A).getFirst()));
    long pending = sharedEvent.get(1);
    long inFlight = deliver(C).getFirst();
    claimOne(C);
    long scheduled = deliver(A).getFirst();
    record("w1", retryAt(claimOne(A), clock.instant().plus(Duration.ofDays(60))));
    long withoutDeliveries = eventWithoutDeliveries();
    // Today: a young delivery, and a young event without deliveries.
    clock.advance(MONTH);
    long young = deliver(A).getFirst();
    record("w1", succeeded(claimOne(A)));
    long youngEvent = eventWithoutDeliveries();

    Map<String, Integer> deleted = purge(RetentionPolicy.ofDefaults());

    assertThat(deliveryIds()).containsExactly(pending, inFlight, scheduled, young);
    assertThat(eventRows())
        .containsExactly(
            outboxId(pending), outboxId(inFlight), outboxId(scheduled), outboxId(young), youngEvent)
        .doesNotContain(withoutDeliveries);
    // The scheduled delivery's first attempt is older than attempt_logs: only the young log stays.
    assertThat(loggedDeliveries()).containsExactly(young);
    assertThat(deleted)
        .containsEntry("deliveries.succeeded", 2)
        .containsEntry("deliveries.dead", 1)
        .containsEntry("deliveries.discarded", 1)
        .containsEntry("event_outbox", 4);
    assertThat(row(scheduled).getStatus()).isEqualTo("scheduled");
    assertThat(row(inFlight).getStatus()).isEqualTo("in_flight");
  }

  @Test
  void anEventNotYetRoutedIsNeverPurgedAndStillReachesTheRouter() {
    EventEnvelope event = events.json("user.created", "", "{}");
    database.write(
        tx -> {
          outbox.append(tx, List.of(event), clock.instant());
          return null;
        });
    clock.advance(MONTH);

    purge(RetentionPolicy.ofDefaults());

    OutboxStore.Unrouted unrouted = database.read(ctx -> outbox.unrouted(ctx, 100));
    assertThat(unrouted.events())
        .extracting(OutboxEvent::eventId)
        .containsExactly(event.getEventId());
    List<OutboxEvent> routed = database.write(tx -> outbox.markRouted(tx, unrouted));
    assertThat(routed).extracting(OutboxEvent::eventId).containsExactly(event.getEventId());
  }

  @Test
  void auditEntriesGoWithTheEventsRetention() {
    JooqAuditLogStore audit = new JooqAuditLogStore();
    AuditEntry old =
        new AuditEntry(
            clock.instant(),
            "ops",
            Optional.empty(),
            "webhook.pause",
            Optional.of("crm"),
            AuditEntry.OK,
            Optional.empty(),
            "{}");
    database.write(tx -> audit.append(tx, old));
    clock.advance(MONTH);
    database.write(
        tx ->
            audit.append(
                tx,
                new AuditEntry(
                    clock.instant(),
                    "ops",
                    Optional.empty(),
                    "webhook.resume",
                    Optional.of("crm"),
                    AuditEntry.OK,
                    Optional.empty(),
                    "{}")));

    purge(RetentionPolicy.ofDefaults());

    List<String> kept =
        database.read(ctx -> ctx.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).fetch(AUDIT_LOG.ACTION));
    assertThat(kept).containsExactly("webhook.resume");

    clock.advance(Duration.ofDays(400));
    purge(
        new RetentionPolicy(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    int left = database.read(ctx -> ctx.fetchCount(AUDIT_LOG));
    assertThat(left).as("events kept forever").isEqualTo(1);
  }

  @Test
  void foreverKeepsRowsAndTheirEvents() {
    long succeeded = deliver(A).getFirst();
    record("w1", succeeded(claimOne(A)));
    long dead = deliver(B).getFirst();
    record("w1", dead(claimOne(B)));
    clock.advance(Duration.ofDays(400));

    purge(
        new RetentionPolicy(
            Optional.empty(),
            Optional.of(Duration.ofDays(30)),
            Optional.of(MONTH),
            Optional.empty()));

    assertThat(deliveryIds()).containsExactly(succeeded);
    assertThat(eventRows()).containsExactly(outboxId(succeeded));
    assertThat(loggedDeliveries()).containsExactly(succeeded);
    assertThat(dead).isNotIn(deliveryIds());
  }

  @Test
  void rowsYoungerThanTheirRetentionStay() {
    long succeeded = deliver(A).getFirst();
    record("w1", succeeded(claimOne(A)));
    long dead = deliver(B).getFirst();
    record("w1", dead(claimOne(B)));
    List<Long> events = List.of(outboxId(succeeded), outboxId(dead));
    clock.advance(Duration.ofDays(8)); // past succeeded (7 days), not dead or events (30 days)

    purge(RetentionPolicy.ofDefaults());

    assertThat(deliveryIds()).containsExactly(dead);
    assertThat(loggedDeliveries()).containsExactly(dead);
    assertThat(eventRows()).containsExactlyElementsOf(events);
  }

  @Test
  void onlyFinishedDeliveriesCanBePurged() {
    assertThatThrownBy(
            () ->
                database.write(
                    tx -> store.purgeFinished(tx, DeliveryStatus.PENDING, clock.instant(), 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status: pending (expected: succeeded, dead or discarded)");
  }

  /** Stores and routes an event no target subscribes to; returns its outbox row id. */
  private long eventWithoutDeliveries() {
    EventEnvelope event = events.json("user.deleted", "", "{}");
    return database.write(
        tx -> {
          outbox.append(tx, List.of(event), clock.instant());
          OutboxStore.Unrouted unrouted = outbox.unrouted(tx, 1000);
          outbox.markRouted(tx, unrouted);
          return unrouted.events().getLast().id();
        });
  }
}
