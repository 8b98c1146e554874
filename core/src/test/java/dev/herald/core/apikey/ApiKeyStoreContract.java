package dev.herald.core.apikey;

import static dev.herald.core.store.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.Realms;
import dev.herald.core.store.Database;
import dev.herald.core.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every API key store does, whatever its database; one subclass per database. */
abstract class ApiKeyStoreContract {

  /** Opens the test's database. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private Database database;
  private KeyUsage usage;
  private ApiKeys keys;

  @BeforeEach
  void openDatabase() {
    database = open(folder);
    ApiKeyStore store = new JooqApiKeyStore();
    // Not started: the tests flush by hand.
    usage = new KeyUsage(database, store, clock, Executors.newSingleThreadScheduledExecutor());
    keys = new ApiKeys(database, store, usage, clock, new SplittableRandom(17));
  }

  @AfterEach
  void close() {
    usage.close();
    database.close();
  }

  private static NewApiKey key(String description, Realms realms) {
    return new NewApiKey(description, KeyRole.READER, realms, Optional.empty(), "ops");
  }

  @Test
  void storesOnlyTheHashAndFindsTheKeyByItsText() {
    CreatedApiKey created =
        keys.create(
            new NewApiKey(
                "ci reader",
                KeyRole.READER,
                Realms.of(Set.of("acme", "")),
                Optional.of(clock.instant().plus(Duration.ofDays(1))),
                "ops"));

    assertThat(created.text()).startsWith("hk_").hasSize(3 + 43);
    assertThat(created.key().prefix()).isEqualTo(created.text().substring(0, 7));
    assertThat(created.toString()).doesNotContain(created.text());
    String stored =
        database.read(ctx -> ctx.select(API_KEYS.KEY_SHA256).from(API_KEYS).fetchSingle().value1());
    assertThat(stored).isEqualTo(KeyText.sha256Hex(created.text())).doesNotContain(created.text());

    assertThat(keys.check(created.text()))
        .isInstanceOfSatisfying(
            KeyCheck.Valid.class,
            valid -> {
              ApiKey key = valid.key();
              assertThat(key.id()).isEqualTo(created.key().id());
              assertThat(key.description()).isEqualTo("ci reader");
              assertThat(key.role()).isEqualTo(KeyRole.READER);
              assertThat(key.realms()).isEqualTo(Realms.of(Set.of("acme", "")));
              assertThat(key.createdBy()).isEqualTo("ops");
              assertThat(key.createdAt()).isEqualTo(clock.instant());
              assertThat(key.expiresAt()).contains(clock.instant().plus(Duration.ofDays(1)));
            });
    assertThat(keys.check(created.text() + "x")).isInstanceOf(KeyCheck.Unknown.class);
  }

  @Test
  void refusesARevokedKeyFromTheRevokeOnAndSaysWhen() {
    CreatedApiKey created = keys.create(key("", Realms.all()));
    Instant revokedAt = clock.instant().plusSeconds(5);
    clock.set(revokedAt);

    ApiKey revoked = keys.revoke(created.key().id());

    assertThat(revoked.revokedAt()).contains(revokedAt);
    assertThat(keys.check(created.text())).isEqualTo(new KeyCheck.Revoked(revoked, revokedAt));
    // A second revoke keeps the first time.
    clock.advance(Duration.ofMinutes(1));
    assertThat(keys.revoke(created.key().id()).revokedAt()).contains(revokedAt);
    assertThatThrownBy(() -> keys.revoke(404))
        .isInstanceOfSatisfying(
            AdminException.class,
            e -> assertThat(e.kind()).isEqualTo(AdminException.Kind.NOT_FOUND));
  }

  @Test
  void refusesAKeyFromTheMomentItExpires() {
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    CreatedApiKey created =
        keys.create(new NewApiKey("", KeyRole.ADMIN, Realms.all(), Optional.of(expiry), "ops"));

    clock.set(expiry.minusMillis(1));
    assertThat(keys.check(created.text())).isInstanceOf(KeyCheck.Valid.class);
    clock.set(expiry);
    assertThat(keys.check(created.text()))
        .isInstanceOfSatisfying(
            KeyCheck.Expired.class, expired -> assertThat(expired.at()).isEqualTo(expiry));
  }

  @Test
  void refusesAnExpiryInThePastAndADescriptionTooLongNamingTheField() {
    assertThatThrownBy(
            () ->
                keys.create(
                    new NewApiKey(
                        "", KeyRole.ADMIN, Realms.all(), Optional.of(clock.instant()), "ops")))
        .hasMessageContaining("expires_at")
        .hasMessageContaining("expected: after now");
    assertThatThrownBy(() -> keys.create(key("x".repeat(201), Realms.all())))
        .hasMessageContaining("description: 201 characters (expected: at most 200)");
    assertThatThrownBy(() -> keys.create(key("", Realms.of(Set.of()))))
        .hasMessageContaining("realm_ids");
    assertThat(keys.list(PageRequest.of(0, ""), k -> true).items()).isEmpty();
  }

  @Test
  void countsUsesInMemoryUntilAFlushWritesThem() {
    CreatedApiKey created = keys.create(key("", Realms.all()));
    keys.check(created.text());
    clock.advance(Duration.ofSeconds(3));
    Instant last = clock.instant();
    keys.check(created.text());
    keys.check(created.text());

    assertThat(keys.get(created.key().id()).usageCount()).isZero();
    usage.flush();

    ApiKey used = keys.get(created.key().id());
    assertThat(used.usageCount()).isEqualTo(3);
    assertThat(used.lastUsedAt()).contains(last);

    // A node flushing an older use later never moves the last use backwards.
    database.write(
        tx -> {
          new JooqApiKeyStore().addUsage(tx, created.key().id(), 2, last.minusSeconds(60));
          return null;
        });
    assertThat(keys.get(created.key().id()).usageCount()).isEqualTo(5);
    assertThat(keys.get(created.key().id()).lastUsedAt()).contains(last);
  }

  @Test
  void listsOnlyVisibleKeysAPageAtATime() {
    for (int i = 0; i < 5; i++) {
      keys.create(key("k" + i, i % 2 == 0 ? Realms.one("acme") : Realms.one("beta")));
    }

    Page<ApiKey> first = keys.list(PageRequest.of(2, ""), k -> k.realms().contains("acme"));
    assertThat(first.items()).extracting(ApiKey::description).containsExactly("k0", "k2");
    Page<ApiKey> second =
        keys.list(PageRequest.of(2, first.nextPageToken()), k -> k.realms().contains("acme"));
    assertThat(second.items()).extracting(ApiKey::description).containsExactly("k4");
    assertThat(second.nextPageToken()).isEmpty();
  }
}
