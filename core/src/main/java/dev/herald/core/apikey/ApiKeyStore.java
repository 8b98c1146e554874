package dev.herald.core.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code api_keys} and {@code api_key_realms} tables: their one owner. */
public interface ApiKeyStore {

  /** Inserts a key with the SHA-256 (hex) of its text and its shown prefix; returns it. */
  ApiKey insert(DSLContext tx, NewApiKey key, String sha256Hex, String prefix, Instant now);

  /** Returns the key whose text has this SHA-256 (hex): one read through the unique index. */
  Optional<ApiKey> findByHash(DSLContext ctx, String sha256Hex);

  /** Returns one key. */
  Optional<ApiKey> find(DSLContext ctx, long id);

  /** Returns the keys after id {@code afterId}, ordered by id, at most {@code limit}. */
  List<ApiKey> after(DSLContext ctx, long afterId, int limit);

  /** Revokes a key at {@code at}, unless it is revoked already; returns whether it changed. */
  boolean revoke(DSLContext tx, long id, Instant at);

  /**
   * Adds {@code calls} to a key's usage count and moves its last use to {@code lastUsedAt}, never
   * backwards (nodes flush in any order).
   */
  void addUsage(DSLContext tx, long id, long calls, Instant lastUsedAt);
}
