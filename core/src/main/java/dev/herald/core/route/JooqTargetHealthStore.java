package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.TARGET_HEALTH;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.jooq.tables.records.TargetHealthRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Stores failure streaks and auto-disables through jOOQ: one statement per change. */
public final class JooqTargetHealthStore implements TargetHealthStore {

  @Override
  public void succeeded(DSLContext tx, Collection<TargetRef> targets, Instant now) {
    if (targets.isEmpty()) {
      return;
    }
    tx.update(TARGET_HEALTH)
        .setNull(TARGET_HEALTH.FAILING_SINCE)
        .set(TARGET_HEALTH.UPDATED_AT, now.toEpochMilli())
        .where(TARGET_HEALTH.FAILING_SINCE.isNotNull())
        .and(anyOf(targets))
        .execute();
  }

  @Override
  public void failed(
      DSLContext tx,
      TargetRef target,
      Instant since,
      boolean restarted,
      String lastError,
      Instant now) {
    long sinceMillis = since.toEpochMilli();
    tx.insertInto(TARGET_HEALTH)
        .set(TARGET_HEALTH.TARGET_KIND, target.kind())
        .set(TARGET_HEALTH.TARGET_ID, target.id())
        .set(TARGET_HEALTH.FAILING_SINCE, sinceMillis)
        .set(TARGET_HEALTH.LAST_ERROR, lastError)
        .set(TARGET_HEALTH.UPDATED_AT, now.toEpochMilli())
        .onConflict(TARGET_HEALTH.TARGET_KIND, TARGET_HEALTH.TARGET_ID)
        .doUpdate()
        .set(
            TARGET_HEALTH.FAILING_SINCE,
            restarted
                ? DSL.val(sinceMillis)
                : DSL.coalesce(TARGET_HEALTH.FAILING_SINCE, DSL.val(sinceMillis)))
        .set(TARGET_HEALTH.LAST_ERROR, lastError)
        .set(TARGET_HEALTH.UPDATED_AT, now.toEpochMilli())
        .execute();
  }

  @Override
  public Map<TargetRef, TargetHealth> find(DSLContext ctx, Collection<TargetRef> targets) {
    Map<TargetRef, TargetHealth> found = new HashMap<>();
    if (targets.isEmpty()) {
      return found;
    }
    ctx.selectFrom(TARGET_HEALTH)
        .where(anyOf(targets))
        .forEach(r -> found.put(target(r), health(r)));
    return found;
  }

  @Override
  public List<TargetHealth> disabled(DSLContext ctx, String kind) {
    return ctx.selectFrom(TARGET_HEALTH)
        .where(TARGET_HEALTH.TARGET_KIND.eq(kind))
        .and(TARGET_HEALTH.DISABLED_AT.isNotNull())
        .orderBy(TARGET_HEALTH.TARGET_ID)
        .fetch(JooqTargetHealthStore::health);
  }

  @Override
  public boolean disable(DSLContext tx, TargetRef target, String reason, Instant now) {
    return tx.update(TARGET_HEALTH)
            .set(TARGET_HEALTH.DISABLED_AT, now.toEpochMilli())
            .set(TARGET_HEALTH.DISABLED_REASON, reason)
            .set(TARGET_HEALTH.UPDATED_AT, now.toEpochMilli())
            .where(is(target))
            .and(TARGET_HEALTH.DISABLED_AT.isNull())
            .execute()
        > 0;
  }

  @Override
  public void reset(DSLContext tx, TargetRef target) {
    tx.deleteFrom(TARGET_HEALTH).where(is(target)).execute();
  }

  private static Condition is(TargetRef target) {
    return TARGET_HEALTH.TARGET_KIND.eq(target.kind()).and(TARGET_HEALTH.TARGET_ID.eq(target.id()));
  }

  /** One condition per target kind: kind = ? and id in (...). */
  private static Condition anyOf(Collection<TargetRef> targets) {
    Map<String, List<String>> idsByKind =
        targets.stream()
            .collect(
                Collectors.groupingBy(
                    TargetRef::kind, Collectors.mapping(TargetRef::id, Collectors.toList())));
    return DSL.or(
        idsByKind.entrySet().stream()
            .map(
                e ->
                    TARGET_HEALTH
                        .TARGET_KIND
                        .eq(e.getKey())
                        .and(TARGET_HEALTH.TARGET_ID.in(e.getValue())))
            .toList());
  }

  private static TargetRef target(TargetHealthRecord r) {
    return new TargetRef(r.getTargetKind(), r.getTargetId());
  }

  private static TargetHealth health(TargetHealthRecord r) {
    return new TargetHealth(
        target(r),
        Optional.ofNullable(r.getFailingSince()).map(Instant::ofEpochMilli),
        Optional.ofNullable(r.getLastError()),
        Optional.ofNullable(r.getDisabledAt()).map(Instant::ofEpochMilli),
        Optional.ofNullable(r.getDisabledReason()));
  }
}
