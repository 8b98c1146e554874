package dev.herald.core.inbound;

import static dev.herald.core.store.jooq.Tables.INBOUND_SOURCES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.admin.KeyRotation;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import dev.herald.core.store.PurgedRows;
import dev.herald.core.testing.TestKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every inbound source store does, whatever its database; one subclass per database. */
abstract class InboundSourceStoreContract {

  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  /** Opens the test's database. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;
  private Database database;
  private InboundSourceStore store;
  private SecretKeyring keyring;

  @BeforeEach
  void openDatabase() {
    database = open(folder);
    keyring = TestKeys.keyring(database);
    store = new JooqInboundSourceStore(database.dialect(), keyring);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private boolean insert(InboundSource source) {
    return database.write(tx -> store.insert(tx, source, NOW));
  }

  private Optional<InboundSource> find(String id) {
    return database.read(ctx -> store.find(ctx, id));
  }

  private List<InboundSource> all() {
    return database.read(store::all);
  }

  private boolean delete(String id) {
    return database.write(tx -> store.delete(tx, id));
  }

  private String claim(String sourceId, String deliveryId, String eventId) {
    return database.write(tx -> store.claimDelivery(tx, sourceId, deliveryId, eventId, NOW));
  }

  static InboundSource source(String id, String verifier, InboundSource.Origin origin) {
    return new SourceDraft(
            id,
            "acme",
            verifier,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            verifier.equals("stripe") ? Optional.of(Duration.ofSeconds(60)) : Optional.empty(),
            Optional.of("s3cret-" + id),
            verifier.equals("token") ? Optional.of("acme.{body:type}") : Optional.empty(),
            Optional.empty(),
            SourceStatus.ACTIVE)
        .build(origin, new SecureRandom())
        .source();
  }

  private String storedSecret(String id) {
    return database.read(
        ctx ->
            ctx.select(INBOUND_SOURCES.SECRET)
                .from(INBOUND_SOURCES)
                .where(INBOUND_SOURCES.ID.eq(id))
                .fetchSingle(INBOUND_SOURCES.SECRET));
  }

  @Test
  void storesASourceWithItsSecretSealedAndReadsItBack() {
    InboundSource stripe = source("pay", "stripe", InboundSource.Origin.API);
    assertThat(insert(stripe)).isTrue();

    assertThat(find("pay")).hasValue(stripe);
    assertThat(storedSecret("pay")).startsWith("enc:v1:").doesNotContain("s3cret");
  }

  @Test
  void aKeyRotationSealsSourceSecretsAgainUnderTheNewKey() {
    insert(source("gh", "github", InboundSource.Origin.API));

    KeyRotation.Result rotated =
        new KeyRotation(database, keyring, Stores.of(database, keyring).webhooks(), store).rotate();

    assertThat(rotated.resealed()).isEqualTo(1);
    assertThat(storedSecret("gh")).startsWith("enc:v1:" + rotated.keyId() + ":");
    assertThat(find("gh").orElseThrow().secret()).isEqualTo("s3cret-gh");
  }

  @Test
  void aTakenIdIsNotInsertedTwice() {
    InboundSource first = source("gh", "github", InboundSource.Origin.API);
    insert(first);
    assertThat(insert(source("gh", "stripe", InboundSource.Origin.API))).isFalse();
    assertThat(find("gh")).hasValue(first);
  }

  @Test
  void updatesAndDeletes() {
    insert(source("gh", "github", InboundSource.Origin.API));
    InboundSource paused =
        source("gh", "github", InboundSource.Origin.API).withStatus(SourceStatus.PAUSED);
    database.write(
        tx -> {
          store.update(tx, paused, NOW);
          return null;
        });
    assertThat(all()).containsExactly(paused);
    claim("gh", "d1", "e1");

    assertThat(delete("gh")).isTrue();
    assertThat(delete("gh")).isFalse();
    assertThat(all()).isEmpty();
    // A source made again under the same id starts with no remembered deliveries.
    assertThat(claim("gh", "d1", "e2")).isEqualTo("e2");
  }

  @Test
  void syncKeepsApiSourcesAndOperatorPausesAndDisablesRemovedOnes() {
    insert(source("api", "token", InboundSource.Origin.API));
    sync(
        source("api", "github", InboundSource.Origin.CONFIG),
        source("kept", "github", InboundSource.Origin.CONFIG),
        source("gone", "github", InboundSource.Origin.CONFIG));
    database.write(
        tx -> {
          store.update(
              tx,
              source("kept", "github", InboundSource.Origin.CONFIG).withStatus(SourceStatus.PAUSED),
              NOW);
          return null;
        });

    sync(
        source("api", "github", InboundSource.Origin.CONFIG),
        source("kept", "github", InboundSource.Origin.CONFIG));

    assertThat(find("api").orElseThrow().verifier().kind()).isEqualTo(VerifierKind.TOKEN);
    assertThat(find("kept").orElseThrow().status()).isEqualTo(SourceStatus.PAUSED);
    assertThat(find("gone").orElseThrow().status()).isEqualTo(SourceStatus.DISABLED);
  }

  private void sync(InboundSource... configured) {
    database.write(
        tx -> {
          store.syncConfigured(tx, List.of(configured), NOW);
          return null;
        });
  }

  @Test
  void retentionForgetsDeliveryIdsReceivedBeforeTheCutoff() {
    database.write(tx -> store.claimDelivery(tx, "gh", "old", "e1", NOW.minusSeconds(60)));
    database.write(tx -> store.claimDelivery(tx, "gh", "new", "e2", NOW));

    PurgedRows purged =
        database.write(tx -> store.purgeDeliveryIds(tx, 0, NOW.minusSeconds(1), 100));

    assertThat(purged.deleted()).isEqualTo(1);
    assertThat(claim("gh", "old", "e3")).isEqualTo("e3");
    assertThat(claim("gh", "new", "e4")).isEqualTo("e2");
  }

  @Test
  void aDeliveryIdBelongsToTheFirstEventThatClaimsItEvenUnderConcurrency() throws Exception {
    assertThat(claim("gh", "d1", "e1")).isEqualTo("e1");
    assertThat(claim("gh", "d1", "e2")).isEqualTo("e1");
    assertThat(claim("other", "d1", "e3")).isEqualTo("e3");

    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<String>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String eventId = "c" + i;
        claims.add(CompletableFuture.supplyAsync(() -> claim("gh", "d2", eventId), threads));
      }
      Set<String> winners = new HashSet<>();
      for (CompletableFuture<String> claim : claims) {
        winners.add(claim.get());
      }
      assertThat(winners).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }
}
