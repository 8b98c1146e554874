package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static java.util.Objects.requireNonNull;

import dev.herald.core.route.DeliveryStore.KeyPlace;
import dev.herald.core.route.DeliveryStore.ReplayedDelivery;
import dev.herald.core.route.KeyLines.Line;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** The replay transition of {@link JooqDeliveryStore}: upserts that keep ordered keys in line. */
final class DeliveryReplays {

  private static final String QUEUED = DeliveryStatements.QUEUED;

  private final KeyLines lines;

  DeliveryReplays(KeyLines lines) {
    this.lines = requireNonNull(lines, "lines");
  }

  /**
   * Creates or re-arms each delivery, due at its time and marked as a replay; one in flight is left
   * alone; ordered ones join their key's line (see {@link DeliveryStore#replay}).
   */
  void replay(
      DSLContext tx, Collection<ReplayedDelivery> deliveries, Instant now, OptionalLong run) {
    if (deliveries.isEmpty()) {
      return;
    }
    long millis = now.toEpochMilli();
    Long replayId = run.isPresent() ? run.getAsLong() : null;
    // In outbox order, so replays of one key join its line as they were published.
    List<ReplayedDelivery> sorted =
        deliveries.stream().sorted(Comparator.comparingLong(ReplayedDelivery::outboxId)).toList();
    Set<Line> touched = existingLines(tx, sorted);
    sorted.forEach(
        delivery -> {
          if (delivery.place() != null) {
            touched.add(new Line(delivery.target().key(), delivery.place().key()));
          }
        });
    lines.lock(tx, touched);
    // An ordered delivery (created with a key, or existing with one) joins its line as queued.
    Field<String> again =
        DSL.when(DELIVERIES.ORDER_KEY.isNotNull(), DSL.inline(QUEUED))
            .otherwise(DeliveryStatements.WAITING_AGAIN);
    List<Query> upserts = new ArrayList<>(sorted.size());
    for (ReplayedDelivery delivery : sorted) {
      long due = delivery.due().toEpochMilli();
      KeyPlace place = delivery.place();
      upserts.add(
          tx.insertInto(DELIVERIES)
              .set(DELIVERIES.OUTBOX_ID, delivery.outboxId())
              .set(DELIVERIES.EVENT_ID, delivery.eventId())
              .set(DELIVERIES.TARGET, delivery.target().key())
              .set(DELIVERIES.STATUS, place == null ? DeliveryStatus.PENDING.dbValue() : QUEUED)
              .set(DELIVERIES.NEXT_ATTEMPT_AT, due)
              .set(DELIVERIES.PURPOSE, JooqDeliveryStore.REPLAY_PURPOSE)
              .set(DELIVERIES.REPLAY_COUNT, 1L)
              .set(DELIVERIES.CREATED_AT, millis)
              .set(DELIVERIES.UPDATED_AT, millis)
              .set(DELIVERIES.ORDER_KEY, place == null ? null : place.key())
              .set(DELIVERIES.ON_DEAD, place == null ? null : place.onDead().text())
              .set(DELIVERIES.REPLAY_ID, replayId)
              .onConflict(DELIVERIES.EVENT_ID, DELIVERIES.TARGET)
              .doUpdate()
              .set(DELIVERIES.STATUS, again)
              .set(DELIVERIES.NEXT_ATTEMPT_AT, due)
              .set(DELIVERIES.PURPOSE, JooqDeliveryStore.REPLAY_PURPOSE)
              .set(DELIVERIES.REPLAY_COUNT, DELIVERIES.REPLAY_COUNT.plus(1L))
              .set(DELIVERIES.UPDATED_AT, millis)
              .set(DELIVERIES.REPLAY_ID, replayId)
              .where(DELIVERIES.STATUS.ne(DeliveryStatements.IN_FLIGHT)));
    }
    tx.batch(upserts).execute();
    lines.advance(tx, touched, now);
  }

  /** Returns the lines of the given replays' deliveries that exist and are ordered. */
  private static Set<Line> existingLines(DSLContext ctx, List<ReplayedDelivery> deliveries) {
    Set<String> pairs = new HashSet<>();
    deliveries.forEach(d -> pairs.add(d.eventId() + "\n" + d.target().key()));
    Set<Line> found = new LinkedHashSet<>();
    ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.TARGET, DELIVERIES.ORDER_KEY)
        .from(DELIVERIES)
        .where(DELIVERIES.EVENT_ID.in(deliveries.stream().map(ReplayedDelivery::eventId).toList()))
        .and(DELIVERIES.ORDER_KEY.isNotNull())
        .forEach(
            r -> {
              if (pairs.contains(r.value1() + "\n" + r.value2())) {
                found.add(new Line(r.value2(), r.value3()));
              }
            });
    return found;
  }
}
