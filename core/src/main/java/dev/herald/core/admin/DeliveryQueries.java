package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.route.JooqDeliveryStore;
import dev.herald.core.store.Database;
import dev.herald.core.store.jooq.tables.DeliveryLogs;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Reads deliveries, their attempt logs and per-target backlogs for operators; reads only, on the
 * database's read connections.
 */
public final class DeliveryQueries {

  private static final List<String> WAITING =
      List.of(
          DeliveryStatus.PENDING.dbValue(),
          DeliveryStatus.QUEUED.dbValue(),
          DeliveryStatus.SCHEDULED.dbValue(),
          DeliveryStatus.IN_FLIGHT.dbValue());

  private final Database database;

  /** Creates queries on the given database. */
  public DeliveryQueries(Database database) {
    this.database = java.util.Objects.requireNonNull(database, "database");
  }

  /** Returns one page of the deliveries the filter selects, newest first. */
  public Page<DeliveryView> list(DeliveryFilter filter, PageRequest page) {
    Condition condition = condition(filter);
    Optional<Long> after = page.afterId();
    if (after.isPresent()) {
      condition = condition.and(DELIVERIES.ID.lt(after.get()));
    }
    Condition where = condition;
    List<DeliveryView> fetched =
        database.read(
            ctx ->
                select(ctx)
                    .where(where)
                    .orderBy(DELIVERIES.ID.desc())
                    .limit(page.size() + 1)
                    .fetch(DeliveryQueries::view));
    return Page.of(fetched, page.size(), view -> Long.toString(view.id()));
  }

  /** Returns one delivery. */
  public Optional<DeliveryView> get(long id) {
    return database.read(
        ctx -> select(ctx).where(DELIVERIES.ID.eq(id)).fetchOptional(DeliveryQueries::view));
  }

  /** Returns the deliveries of one event, oldest first. */
  public List<DeliveryView> ofEvent(String eventId) {
    return database.read(
        ctx ->
            select(ctx)
                .where(DELIVERIES.EVENT_ID.eq(eventId))
                .orderBy(DELIVERIES.ID)
                .fetch(DeliveryQueries::view));
  }

  /**
   * Returns the deliveries of the given outbox rows (events) in one query, oldest first, by outbox
   * row id; a row without deliveries has no entry.
   */
  public Map<Long, List<DeliveryView>> ofOutboxRows(Collection<Long> outboxIds) {
    Map<Long, List<DeliveryView>> byRow = new HashMap<>();
    if (outboxIds.isEmpty()) {
      return byRow;
    }
    database
        .read(
            ctx ->
                select(ctx)
                    .where(DELIVERIES.OUTBOX_ID.in(outboxIds))
                    .orderBy(DELIVERIES.ID)
                    .fetch())
        .forEach(
            r ->
                byRow
                    .computeIfAbsent(r.get(DELIVERIES.OUTBOX_ID), id -> new ArrayList<>())
                    .add(view(r)));
    return byRow;
  }

  /** Returns a delivery's attempts, oldest first. */
  public List<AttemptView> attempts(long deliveryId) {
    return database.read(
        ctx ->
            ctx.selectFrom(DELIVERY_LOGS)
                .where(DELIVERY_LOGS.DELIVERY_ID.eq(deliveryId))
                .orderBy(DELIVERY_LOGS.ID)
                .fetch(DeliveryQueries::attempt));
  }

  /**
   * Returns the attempts of every delivery of the given outbox rows (events) in one query, oldest
   * first, by delivery id; a delivery without attempts has no entry.
   */
  public Map<Long, List<AttemptView>> attemptsOfOutboxRows(Collection<Long> outboxIds) {
    Map<Long, List<AttemptView>> byDelivery = new HashMap<>();
    if (outboxIds.isEmpty()) {
      return byDelivery;
    }
    database
        .read(
            ctx ->
                ctx.select(DELIVERY_LOGS.fields())
                    .from(DELIVERY_LOGS)
                    .join(DELIVERIES)
                    .on(DELIVERIES.ID.eq(DELIVERY_LOGS.DELIVERY_ID))
                    .where(DELIVERIES.OUTBOX_ID.in(outboxIds))
                    .orderBy(DELIVERY_LOGS.ID)
                    .fetchInto(DELIVERY_LOGS))
        .forEach(
            r ->
                byDelivery
                    .computeIfAbsent(r.getDeliveryId(), id -> new ArrayList<>())
                    .add(attempt(r)));
    return byDelivery;
  }

  private static AttemptView attempt(DeliveryLogsRecord r) {
    return new AttemptView(
        Math.toIntExact(r.getAttempt()),
        Instant.ofEpochMilli(r.getStartedAt()),
        r.getLatencyMicros(),
        r.getOutcome(),
        r.getHttpStatus() == null ? null : Math.toIntExact(r.getHttpStatus()),
        r.getGrpcCode(),
        r.getErrorClass(),
        r.getErrorMessage(),
        r.getResponseExcerpt());
  }

  /** Returns the backlog of every target that has one, by stored target key. */
  public Map<String, TargetStats> stats() {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Instant> oldest = new HashMap<>();
    Map<String, Instant> due = new HashMap<>();
    database.read(
        ctx -> {
          ctx.select(
                  DELIVERIES.TARGET,
                  DELIVERIES.STATUS,
                  DSL.count(),
                  DSL.min(DELIVERIES.CREATED_AT),
                  DSL.min(DELIVERIES.NEXT_ATTEMPT_AT))
              .from(DELIVERIES)
              .where(DELIVERIES.STATUS.in(WAITING).or(DELIVERIES.STATUS.eq(dead())))
              .groupBy(DELIVERIES.TARGET, DELIVERIES.STATUS)
              .forEach(
                  r -> {
                    long[] c = counts.computeIfAbsent(r.value1(), k -> new long[4]);
                    DeliveryStatus status = DeliveryStatus.fromDb(r.value2());
                    c[slot(status)] += r.value3();
                    if (status != DeliveryStatus.DEAD) {
                      oldest.merge(
                          r.value1(), Instant.ofEpochMilli(r.value4()), DeliveryQueries::min);
                    }
                    if (status != DeliveryStatus.DEAD && status != DeliveryStatus.QUEUED) {
                      // Queued deliveries wait for their key's head, not for a due time.
                      due.merge(r.value1(), Instant.ofEpochMilli(r.value5()), DeliveryQueries::min);
                    }
                  });
          return null;
        });
    Map<String, TargetStats> stats = new HashMap<>();
    counts.forEach(
        (target, c) ->
            stats.put(
                target,
                new TargetStats(
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    Optional.ofNullable(oldest.get(target)),
                    Optional.ofNullable(due.get(target)))));
    return stats;
  }

  /**
   * Returns the deliveries waiting (pending, queued, scheduled or in flight) in each realm that has
   * any, the realm being its event's.
   */
  public Map<String, Long> waitingByRealm() {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.REALM_ID, DSL.count())
                .from(DELIVERIES)
                .join(EVENT_OUTBOX)
                .on(EVENT_OUTBOX.ID.eq(DELIVERIES.OUTBOX_ID))
                .where(DELIVERIES.STATUS.in(WAITING))
                .groupBy(EVENT_OUTBOX.REALM_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue()));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String dead() {
    return DeliveryStatus.DEAD.dbValue();
  }

  private static int slot(DeliveryStatus status) {
    return switch (status) {
      case PENDING, QUEUED -> 0; // both never attempted (a queued one waits for its key)
      case SCHEDULED -> 1;
      case IN_FLIGHT -> 2;
      default -> 3;
    };
  }

  private static SelectJoinStep<Record> select(DSLContext ctx) {
    List<org.jooq.Field<?>> fields = new ArrayList<>(List.of(DELIVERIES.fields()));
    fields.add(EVENT_OUTBOX.EVENT_TYPE);
    fields.add(EVENT_OUTBOX.REALM_ID);
    return ctx.select(fields)
        .from(DELIVERIES)
        .join(EVENT_OUTBOX)
        .on(EVENT_OUTBOX.ID.eq(DELIVERIES.OUTBOX_ID));
  }

  private static Condition condition(DeliveryFilter filter) {
    Condition condition = DSL.trueCondition();
    if (filter.target().isPresent()) {
      condition = condition.and(DELIVERIES.TARGET.eq(filter.target().get().key()));
    }
    if (filter.status().isPresent()) {
      condition = condition.and(DELIVERIES.STATUS.eq(filter.status().get().dbValue()));
    }
    if (filter.eventType().isPresent()) {
      condition = condition.and(eventTypeCondition(filter.eventType().get()));
    }
    if (filter.createdAfter().isPresent()) {
      condition =
          condition.and(DELIVERIES.CREATED_AT.ge(filter.createdAfter().get().toEpochMilli()));
    }
    if (filter.createdBefore().isPresent()) {
      condition =
          condition.and(DELIVERIES.CREATED_AT.lt(filter.createdBefore().get().toEpochMilli()));
    }
    if (filter.realms().only().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.REALM_ID.in(filter.realms().only().get()));
    }
    if (filter.errorClass().isPresent()) {
      condition = condition.and(latestAttemptClass(filter.errorClass().get()));
    }
    return condition;
  }

  /** Matches deliveries whose latest attempt (the newest log row) has this error class. */
  private static Condition latestAttemptClass(String errorClass) {
    DeliveryLogs latest = DELIVERY_LOGS.as("latest");
    DeliveryLogs newer = DELIVERY_LOGS.as("newer");
    return DSL.exists(
        DSL.selectOne()
            .from(latest)
            .where(latest.DELIVERY_ID.eq(DELIVERIES.ID))
            .and(latest.ERROR_CLASS.eq(errorClass))
            .andNotExists(
                DSL.selectOne()
                    .from(newer)
                    .where(newer.DELIVERY_ID.eq(DELIVERIES.ID))
                    .and(newer.ID.gt(latest.ID))));
  }

  /** Returns the SQL form of an event-type pattern on {@code event_outbox.event_type}. */
  static Condition eventTypeCondition(EventTypePattern pattern) {
    String text = pattern.text();
    if (text.equals("*")) {
      return DSL.trueCondition();
    }
    if (text.endsWith(".*")) {
      return EVENT_OUTBOX.EVENT_TYPE.startsWith(text.substring(0, text.length() - 1));
    }
    return EVENT_OUTBOX.EVENT_TYPE.eq(text);
  }

  private static DeliveryView view(Record r) {
    return new DeliveryView(
        r.get(DELIVERIES.ID),
        r.get(DELIVERIES.EVENT_ID),
        r.get(EVENT_OUTBOX.EVENT_TYPE),
        r.get(EVENT_OUTBOX.REALM_ID),
        TargetRef.parse(r.get(DELIVERIES.TARGET)),
        DeliveryStatus.fromDb(r.get(DELIVERIES.STATUS)),
        JooqDeliveryStore.REPLAY_PURPOSE.equals(r.get(DELIVERIES.PURPOSE)),
        Math.toIntExact(r.get(DELIVERIES.ATTEMPT_COUNT)),
        Instant.ofEpochMilli(r.get(DELIVERIES.NEXT_ATTEMPT_AT)),
        r.get(DELIVERIES.LAST_ERROR),
        Instant.ofEpochMilli(r.get(DELIVERIES.CREATED_AT)),
        Instant.ofEpochMilli(r.get(DELIVERIES.UPDATED_AT)),
        r.get(DELIVERIES.ORDER_KEY));
  }
}
