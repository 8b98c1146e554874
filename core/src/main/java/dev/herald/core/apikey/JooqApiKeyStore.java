package dev.herald.core.apikey;

import static dev.herald.core.store.jooq.Tables.API_KEYS;
import static dev.herald.core.store.jooq.Tables.API_KEY_REALMS;

import dev.herald.core.admin.Realms;
import dev.herald.core.store.jooq.tables.records.ApiKeysRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Stores API keys through jOOQ; the same SQL on SQLite and PostgreSQL. */
public final class JooqApiKeyStore implements ApiKeyStore {

  @Override
  public ApiKey insert(DSLContext tx, NewApiKey key, String sha256Hex, String prefix, Instant now) {
    long id =
        tx.insertInto(API_KEYS)
            .set(API_KEYS.KEY_SHA256, sha256Hex)
            .set(API_KEYS.KEY_PREFIX, prefix)
            .set(API_KEYS.DESCRIPTION, key.description())
            .set(API_KEYS.ROLE, key.role().wireName())
            .set(API_KEYS.ALL_REALMS, key.realms().isAll() ? 1L : 0L)
            .set(API_KEYS.CREATED_AT, now.toEpochMilli())
            .set(API_KEYS.CREATED_BY, key.createdBy())
            .set(API_KEYS.EXPIRES_AT, key.expiresAt().map(Instant::toEpochMilli).orElse(null))
            .returning(API_KEYS.ID)
            .fetchSingle(API_KEYS.ID);
    key.realms()
        .only()
        .ifPresent(
            realms ->
                realms.forEach(
                    realm ->
                        tx.insertInto(API_KEY_REALMS)
                            .set(API_KEY_REALMS.KEY_ID, id)
                            .set(API_KEY_REALMS.REALM_ID, realm)
                            .execute()));
    return find(tx, id).orElseThrow();
  }

  @Override
  public Optional<ApiKey> findByHash(DSLContext ctx, String sha256Hex) {
    return one(ctx, ctx.selectFrom(API_KEYS).where(API_KEYS.KEY_SHA256.eq(sha256Hex)).fetchOne());
  }

  @Override
  public Optional<ApiKey> find(DSLContext ctx, long id) {
    return one(ctx, ctx.selectFrom(API_KEYS).where(API_KEYS.ID.eq(id)).fetchOne());
  }

  private Optional<ApiKey> one(DSLContext ctx, ApiKeysRecord r) {
    return r == null ? Optional.empty() : Optional.of(keys(ctx, List.of(r)).get(0));
  }

  @Override
  public List<ApiKey> after(DSLContext ctx, long afterId, int limit) {
    return keys(
        ctx,
        ctx.selectFrom(API_KEYS)
            .where(API_KEYS.ID.gt(afterId))
            .orderBy(API_KEYS.ID)
            .limit(limit)
            .fetch());
  }

  /** Returns the keys of the rows, their realms read in one query. */
  private static List<ApiKey> keys(DSLContext ctx, List<ApiKeysRecord> rows) {
    List<Long> scoped =
        rows.stream().filter(r -> r.getAllRealms() == 0L).map(ApiKeysRecord::getId).toList();
    Map<Long, Set<String>> realmsById =
        scoped.isEmpty()
            ? Map.of()
            : ctx
                .select(API_KEY_REALMS.KEY_ID, API_KEY_REALMS.REALM_ID)
                .from(API_KEY_REALMS)
                .where(API_KEY_REALMS.KEY_ID.in(scoped))
                .fetchGroups(API_KEY_REALMS.KEY_ID, API_KEY_REALMS.REALM_ID)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    return rows.stream()
        .map(
            r ->
                new ApiKey(
                    r.getId(),
                    r.getKeyPrefix(),
                    r.getDescription(),
                    KeyRole.parse(r.getRole())
                        .orElseThrow(
                            () -> new IllegalStateException("api_keys.role: " + r.getRole())),
                    r.getAllRealms() != 0L
                        ? Realms.all()
                        : Realms.of(realmsById.getOrDefault(r.getId(), Set.of())),
                    Instant.ofEpochMilli(r.getCreatedAt()),
                    r.getCreatedBy(),
                    instant(r.getExpiresAt()),
                    instant(r.getRevokedAt()),
                    instant(r.getLastUsedAt()),
                    r.getUsageCount()))
        .toList();
  }

  private static Optional<Instant> instant(Long millis) {
    return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
  }

  @Override
  public boolean revoke(DSLContext tx, long id, Instant at) {
    return tx.update(API_KEYS)
            .set(API_KEYS.REVOKED_AT, at.toEpochMilli())
            .where(API_KEYS.ID.eq(id))
            .and(API_KEYS.REVOKED_AT.isNull())
            .execute()
        > 0;
  }

  @Override
  public void addUsage(DSLContext tx, long id, long calls, Instant lastUsedAt) {
    long at = lastUsedAt.toEpochMilli();
    tx.update(API_KEYS)
        .set(API_KEYS.USAGE_COUNT, API_KEYS.USAGE_COUNT.plus(calls))
        .set(
            API_KEYS.LAST_USED_AT,
            DSL.when(API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(at)), DSL.val(at))
                .otherwise(API_KEYS.LAST_USED_AT))
        .where(API_KEYS.ID.eq(id))
        .execute();
  }
}
