package dev.herald.core.audit;

import static dev.herald.core.store.jooq.Tables.AUDIT_LOG;

import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.store.jooq.tables.records.AuditLogRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Stores audit entries through jOOQ: one insert per entry, lists by descending id. */
public final class JooqAuditLogStore implements AuditLogStore {

  @Override
  public long append(DSLContext tx, AuditEntry entry) {
    return tx.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.AT, entry.at().toEpochMilli())
        .set(AUDIT_LOG.TOKEN_NAME, entry.tokenName())
        .set(AUDIT_LOG.REALM_ID, entry.realm().orElse(null))
        .set(AUDIT_LOG.ACTION, entry.action())
        .set(AUDIT_LOG.TARGET, entry.target().orElse(null))
        .set(AUDIT_LOG.OUTCOME, entry.outcome())
        .set(AUDIT_LOG.MESSAGE, entry.message().orElse(null))
        .set(AUDIT_LOG.DETAILS, entry.details())
        .returning(AUDIT_LOG.ID)
        .fetchOne(AUDIT_LOG.ID);
  }

  @Override
  public Page<StoredAuditEntry> list(DSLContext ctx, AuditFilter filter, PageRequest page) {
    Condition condition = condition(filter);
    Optional<Long> after = page.afterId();
    if (after.isPresent()) {
      condition = condition.and(AUDIT_LOG.ID.lt(after.get()));
    }
    return Page.of(
        ctx.selectFrom(AUDIT_LOG)
            .where(condition)
            .orderBy(AUDIT_LOG.ID.desc())
            .limit(page.size() + 1)
            .fetch(JooqAuditLogStore::stored),
        page.size(),
        stored -> Long.toString(stored.id()));
  }

  @Override
  public int purgeOlderThan(DSLContext tx, Instant cutoff, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    return tx.deleteFrom(AUDIT_LOG)
        .where(
            AUDIT_LOG.ID.in(
                DSL.select(AUDIT_LOG.ID)
                    .from(AUDIT_LOG)
                    .where(AUDIT_LOG.AT.lt(cutoff.toEpochMilli()))
                    .orderBy(AUDIT_LOG.ID)
                    .limit(limit)))
        .execute();
  }

  private static Condition condition(AuditFilter filter) {
    Condition condition = DSL.trueCondition();
    if (filter.from().isPresent()) {
      condition = condition.and(AUDIT_LOG.AT.ge(filter.from().get().toEpochMilli()));
    }
    if (filter.to().isPresent()) {
      condition = condition.and(AUDIT_LOG.AT.lt(filter.to().get().toEpochMilli()));
    }
    if (filter.tokenName().isPresent()) {
      condition = condition.and(AUDIT_LOG.TOKEN_NAME.eq(filter.tokenName().get()));
    }
    if (filter.action().isPresent()) {
      condition = condition.and(AUDIT_LOG.ACTION.eq(filter.action().get()));
    }
    if (filter.realm().isPresent()) {
      condition = condition.and(AUDIT_LOG.REALM_ID.eq(filter.realm().get()));
    }
    if (filter.target().isPresent()) {
      condition = condition.and(AUDIT_LOG.TARGET.eq(filter.target().get()));
    }
    if (filter.succeeded().isPresent()) {
      condition =
          condition.and(
              filter.succeeded().get()
                  ? AUDIT_LOG.OUTCOME.eq(AuditEntry.OK)
                  : AUDIT_LOG.OUTCOME.ne(AuditEntry.OK));
    }
    if (filter.visible().only().isPresent()) {
      // A NULL realm is in no set: a token of some realms never sees realm-less entries.
      condition = condition.and(AUDIT_LOG.REALM_ID.in(filter.visible().only().get()));
    }
    return condition;
  }

  private static StoredAuditEntry stored(AuditLogRecord r) {
    return new StoredAuditEntry(
        r.getId(),
        new AuditEntry(
            Instant.ofEpochMilli(r.getAt()),
            r.getTokenName(),
            Optional.ofNullable(r.getRealmId()),
            r.getAction(),
            Optional.ofNullable(r.getTarget()),
            r.getOutcome(),
            Optional.ofNullable(r.getMessage()),
            r.getDetails()));
  }
}
