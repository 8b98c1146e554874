package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.BACKLOG_SAMPLES;
import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Reads delivery activity over a recent window for dashboards: attempts from {@code delivery_logs}
 * (found through its {@code started_at} index, so only the window is read), the backlog from {@code
 * backlog_samples}, and the backlog now. Realm-scoped reads join each attempt to its event's realm,
 * like {@link DeliveryQueries}.
 */
public final class ActivityQueries {

  private static final String SUCCEEDED = "succeeded";
  private static final String RETRY = "retry";
  private static final String DEAD = "dead";

  private final Database database;
  private final DeliveryQueries deliveries;

  /** Creates the queries; {@code deliveries} counts the backlog now. */
  public ActivityQueries(Database database, DeliveryQueries deliveries) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
  }

  /** Returns the activity of the window in the given realms. */
  public Activity activity(ActivityWindow window, Realms realms) {
    long[][] attempts = new long[window.count()][3];
    List<Activity.Target> targets = new ArrayList<>();
    Map<Long, Long> samples =
        database.read(
            ctx -> {
              countBuckets(ctx, window, realms, attempts);
              countTargets(ctx, window, realms, targets);
              return samples(ctx, window, realms);
            });
    List<Activity.Bucket> buckets = new ArrayList<>(window.count());
    long width = window.bucket().toMillis();
    long from = window.from().toEpochMilli();
    TreeMap<Long, Long> sampled = new TreeMap<>(samples);
    for (int i = 0; i < window.count(); i++) {
      long start = from + i * width;
      // The bucket's last sample: the latest minute in [start, start + width).
      Map.Entry<Long, Long> last = sampled.lowerEntry(start + width);
      Optional<Long> backlog =
          last != null && last.getKey() >= start ? Optional.of(last.getValue()) : Optional.empty();
      buckets.add(
          new Activity.Bucket(
              Instant.ofEpochMilli(start),
              attempts[i][0],
              attempts[i][1],
              attempts[i][2],
              backlog));
    }
    long now =
        deliveries.waitingByRealm().entrySet().stream()
            .filter(e -> realms.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new Activity(window, buckets, targets, now);
  }

  /** Fills {@code attempts[bucket]} with succeeded, failed and dead-lettered counts. */
  private static void countBuckets(
      DSLContext ctx, ActivityWindow window, Realms realms, long[][] attempts) {
    Field<Long> index =
        DELIVERY_LOGS
            .STARTED_AT
            .minus(DSL.inline(window.from().toEpochMilli()))
            .div(DSL.inline(window.bucket().toMillis()));
    Field<Integer> count = DSL.count();
    attempts(ctx, false, realms, index, DELIVERY_LOGS.OUTCOME, count)
        .where(inWindow(window, realms))
        .groupBy(index, DELIVERY_LOGS.OUTCOME)
        .forEach(
            r -> {
              int i = Math.toIntExact(r.get(index));
              if (i < 0 || i >= attempts.length) {
                return;
              }
              String outcome = r.get(DELIVERY_LOGS.OUTCOME);
              long n = r.get(count);
              if (SUCCEEDED.equals(outcome)) {
                attempts[i][0] += n;
              } else if (RETRY.equals(outcome) || DEAD.equals(outcome)) {
                attempts[i][1] += n;
                if (DEAD.equals(outcome)) {
                  attempts[i][2] += n;
                }
              }
            });
  }

  private static void countTargets(
      DSLContext ctx, ActivityWindow window, Realms realms, List<Activity.Target> targets) {
    Map<String, long[]> counts = new TreeMap<>();
    Field<Integer> count = DSL.count();
    Field<Long> last = DSL.max(DELIVERY_LOGS.STARTED_AT);
    attempts(ctx, true, realms, DELIVERIES.TARGET, DELIVERY_LOGS.OUTCOME, count, last)
        .where(inWindow(window, realms))
        .and(DELIVERY_LOGS.OUTCOME.in(SUCCEEDED, RETRY, DEAD))
        .groupBy(DELIVERIES.TARGET, DELIVERY_LOGS.OUTCOME)
        .forEach(
            r -> {
              long[] c = counts.computeIfAbsent(r.get(DELIVERIES.TARGET), k -> new long[3]);
              c[SUCCEEDED.equals(r.get(DELIVERY_LOGS.OUTCOME)) ? 0 : 1] += r.get(count);
              c[2] = Math.max(c[2], r.get(last));
            });
    counts.forEach(
        (target, c) ->
            targets.add(
                new Activity.Target(
                    TargetRef.parse(target), c[0], c[1], Instant.ofEpochMilli(c[2]))));
  }

  /**
   * Selects from the attempt log, joined to the deliveries when their target is wanted and to the
   * events when the realm is.
   */
  private static SelectJoinStep<Record> attempts(
      DSLContext ctx, boolean byTarget, Realms realms, Field<?>... fields) {
    SelectJoinStep<Record> select = ctx.select(fields).from(DELIVERY_LOGS);
    if (byTarget || !realms.isAll()) {
      select = select.join(DELIVERIES).on(DELIVERIES.ID.eq(DELIVERY_LOGS.DELIVERY_ID));
    }
    if (!realms.isAll()) {
      select = select.join(EVENT_OUTBOX).on(EVENT_OUTBOX.ID.eq(DELIVERIES.OUTBOX_ID));
    }
    return select;
  }

  private static Condition inWindow(ActivityWindow window, Realms realms) {
    Condition condition =
        DELIVERY_LOGS
            .STARTED_AT
            .ge(window.from().toEpochMilli())
            .and(DELIVERY_LOGS.STARTED_AT.lt(window.to().toEpochMilli()));
    if (realms.only().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.REALM_ID.in(realms.only().get()));
    }
    return condition;
  }

  /**
   * Returns the backlog of each sampled minute in the window, summed over the realms: every sampled
   * minute has a row for the default realm, so a minute without a row of a realm had none waiting.
   */
  private static Map<Long, Long> samples(DSLContext ctx, ActivityWindow window, Realms realms) {
    Condition inWindow =
        BACKLOG_SAMPLES
            .MINUTE_AT
            .ge(window.from().toEpochMilli())
            .and(BACKLOG_SAMPLES.MINUTE_AT.lt(window.to().toEpochMilli()));
    Field<Long> waiting =
        realms.only().isPresent()
            ? DSL.sum(
                    DSL.when(
                            BACKLOG_SAMPLES.REALM_ID.in(realms.only().get()),
                            BACKLOG_SAMPLES.WAITING)
                        .otherwise(DSL.inline(0L)))
                .cast(Long.class)
            : DSL.sum(BACKLOG_SAMPLES.WAITING).cast(Long.class);
    return ctx.select(BACKLOG_SAMPLES.MINUTE_AT, waiting)
        .from(BACKLOG_SAMPLES)
        .where(inWindow)
        .groupBy(BACKLOG_SAMPLES.MINUTE_AT)
        .fetchMap(r -> r.value1(), r -> r.value2());
  }
}
