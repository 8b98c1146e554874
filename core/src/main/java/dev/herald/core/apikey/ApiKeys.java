package dev.herald.core.apikey;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The API keys: create, read, list and revoke them, and check a presented key. A check reads the
 * key's row on every call (no cache), so a revoke or an expiry holds on every node at once.
 */
public final class ApiKeys {

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 200;

  // Lists filter by what the caller may see, so rows are read in chunks until a page is full.
  private static final int CHUNK = 500;

  private final Database database;
  private final ApiKeyStore store;
  private final KeyUsage usage;
  private final Clock clock;
  private final RandomGenerator random;

  /**
   * Creates the commands.
   *
   * @param random draws the keys' text: a SecureRandom in production
   */
  public ApiKeys(
      Database database, ApiKeyStore store, KeyUsage usage, Clock clock, RandomGenerator random) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.usage = requireNonNull(usage, "usage");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  /**
   * Creates a key; the result carries its text, which is not stored.
   *
   * @throws AdminException naming description or expires_at when it is invalid
   */
  public CreatedApiKey create(NewApiKey key) {
    Instant now = clock.instant();
    if (key.description().length() > MAX_DESCRIPTION) {
      throw AdminException.invalid(
          "description",
          key.description().length() + " characters (expected: at most " + MAX_DESCRIPTION + ")");
    }
    if (key.realms().only().map(Set::isEmpty).orElse(false)) {
      throw AdminException.invalid("realm_ids", "[] (expected: at least one realm, or all_realms)");
    }
    key.expiresAt()
        .filter(at -> !at.isAfter(now))
        .ifPresent(
            at -> {
              throw AdminException.invalid(
                  "expires_at", at + " (expected: after now, " + now + ")");
            });
    String text = KeyText.generate(random);
    ApiKey stored =
        database.write(
            tx -> store.insert(tx, key, KeyText.sha256Hex(text), KeyText.shown(text), now));
    return new CreatedApiKey(stored, text);
  }

  /**
   * Returns one key.
   *
   * @throws AdminException NOT_FOUND when there is none
   */
  public ApiKey get(long id) {
    return database
        .read(ctx -> store.find(ctx, id))
        .orElseThrow(() -> AdminException.notFound("api key " + id));
  }

  /** Returns a page of the keys {@code visible} lets the caller see, ordered by id. */
  public Page<ApiKey> list(PageRequest page, Predicate<ApiKey> visible) {
    List<ApiKey> found = new ArrayList<>();
    long after = page.afterId().orElse(0L);
    while (found.size() <= page.size()) {
      long from = after;
      List<ApiKey> chunk = database.read(ctx -> store.after(ctx, from, CHUNK));
      chunk.stream().filter(visible).forEach(found::add);
      if (chunk.size() < CHUNK) {
        break;
      }
      after = chunk.get(chunk.size() - 1).id();
    }
    return Page.of(
        found.subList(0, Math.min(found.size(), page.size() + 1)),
        page.size(),
        k -> Long.toString(k.id()));
  }

  /**
   * Revokes a key now; revoking a revoked key changes nothing. Returns the key as it is after.
   *
   * @throws AdminException NOT_FOUND when there is none
   */
  public ApiKey revoke(long id) {
    Instant now = clock.instant();
    return database.write(
        tx -> {
          if (store.find(tx, id).isEmpty()) {
            throw AdminException.notFound("api key " + id);
          }
          store.revoke(tx, id, now);
          return store.find(tx, id).orElseThrow();
        });
  }

  /**
   * Checks a presented key's text: one read by its hash. A valid key's use is counted (written
   * within {@link KeyUsage#INTERVAL}).
   */
  public KeyCheck check(String text) {
    String hash = KeyText.sha256Hex(text);
    return database
        .read(ctx -> store.findByHash(ctx, hash))
        .<KeyCheck>map(
            key -> {
              if (key.revokedAt().isPresent()) {
                return new KeyCheck.Revoked(key, key.revokedAt().get());
              }
              if (key.expiredAt(clock.instant())) {
                return new KeyCheck.Expired(key, key.expiresAt().get());
              }
              usage.used(key.id());
              return new KeyCheck.Valid(key);
            })
        .orElseGet(KeyCheck.Unknown::new);
  }
}
