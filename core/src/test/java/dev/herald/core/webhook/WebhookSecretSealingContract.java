package dev.herald.core.webhook;

import static dev.herald.core.store.jooq.Tables.WEBHOOK_ENDPOINTS;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Stores;
import dev.herald.core.admin.KeyRotation;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.secret.SecretUnreadableException;
import dev.herald.core.store.jooq.tables.records.WebhookEndpointsRecord;
import dev.herald.core.testing.Endpoints;
import dev.herald.core.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How every webhook endpoint store keeps secrets: sealed under the active data key, bound to their
 * row and column, re-sealed by a key rotation; one subclass per database.
 */
abstract class WebhookSecretSealingContract extends WebhookStoreFixture {

  private WebhookEndpointsRecord row(String id) {
    return database.read(
        ctx -> ctx.selectFrom(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ID.eq(id)).fetchOne());
  }

  private void insertRotated(String id) {
    write(tx -> store.insert(tx, api(endpoint(id, "https://" + id + ".example", "*")), NOW));
    write(
        tx -> {
          store.rotateSecret(
              tx,
              id,
              NEXT,
              Optional.of(new PreviousSecret(Endpoints.SECRET, NOW.plus(Duration.ofHours(1)))),
              NOW);
          return null;
        });
  }

  private static final WebhookSecret NEXT = WebhookSecret.parse("whsec_" + "B".repeat(32));

  @Test
  void storedSecretsAreSealedUnderTheActiveKeyNeverInClear() {
    insertRotated("a");
    sync(endpoint("c", "https://c.example", "*"));

    for (String id : List.of("a", "c")) {
      assertThat(row(id).getSecret())
          .startsWith("enc:v1:k1:")
          .doesNotContain(Endpoints.SECRET.encoded().substring(6))
          .doesNotContain(NEXT.encoded().substring(6));
    }
    assertThat(row("a").getPreviousSecret())
        .startsWith("enc:v1:k1:")
        .doesNotContain(Endpoints.SECRET.encoded().substring(6));
    assertThat(stored("a").secret()).isEqualTo(NEXT);
    assertThat(stored("a").previousSecret().orElseThrow().secret()).isEqualTo(Endpoints.SECRET);
    assertThat(stored("c").secret()).isEqualTo(Endpoints.SECRET);
  }

  @Test
  void secretsStoredInClearAreSealedAtTheNextStart() {
    insertRotated("a");
    // As written before secrets were encrypted.
    write(
        tx ->
            tx.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.SECRET, NEXT.encoded())
                .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET, Endpoints.SECRET.encoded())
                .execute());

    KeyRotation.Result started = new KeyRotation(database, keyring, store).prepare();

    assertThat(started).isEqualTo(new KeyRotation.Result("k1", 1));
    assertThat(row("a").getSecret()).startsWith("enc:v1:k1:");
    assertThat(row("a").getPreviousSecret()).startsWith("enc:v1:k1:");
    assertThat(stored("a").secret()).isEqualTo(NEXT);
    assertThat(stored("a").previousSecret().orElseThrow().secret()).isEqualTo(Endpoints.SECRET);
    assertThat(new KeyRotation(database, keyring, store).prepare().resealed()).isZero();
  }

  @Test
  void rotationSealsEverySecretUnderANewKeyWhileANodeThatHasNotSeenItKeepsReading() {
    insertRotated("a");
    sync(endpoint("c", "https://c.example", "*"));
    // Another node: same database and master key, its own cache of data keys.
    SecretKeyring otherKeyring = TestKeys.keyring(database);
    WebhookEndpointStore otherNode = Stores.of(database, otherKeyring).webhooks();
    assertThat(database.read(otherNode::all)).hasSize(2);

    KeyRotation.Result rotated = new KeyRotation(database, keyring, store).rotate();

    assertThat(rotated).isEqualTo(new KeyRotation.Result("k2", 2));
    assertThat(row("a").getSecret()).startsWith("enc:v1:k2:");
    assertThat(row("a").getPreviousSecret()).startsWith("enc:v1:k2:");
    assertThat(row("c").getSecret()).startsWith("enc:v1:k2:");
    assertThat(database.read(otherNode::all))
        .extracting(WebhookEndpoint::secret)
        .containsExactly(NEXT, Endpoints.SECRET);
    // What the other node writes now is under the new key too.
    write(tx -> otherNode.insert(tx, api(endpoint("d", "https://d.example", "*")), NOW));
    assertThat(row("d").getSecret()).startsWith("enc:v1:k2:");
  }

  @Test
  void theSameSecretSealedTwiceGivesDifferentStoredText() {
    write(tx -> store.insert(tx, api(endpoint("a", "https://a.example", "*")), NOW));
    write(tx -> store.insert(tx, api(endpoint("b", "https://b.example", "*")), NOW));

    // A fresh random nonce each time: equal secrets do not show as equal columns.
    assertThat(row("a").getSecret().substring("enc:v1:k1:".length()))
        .isNotEqualTo(row("b").getSecret().substring("enc:v1:k1:".length()));
    assertThat(stored("a").secret()).isEqualTo(stored("b").secret());
  }

  @Test
  void aSealedSecretMovedToAnotherRowOrColumnDoesNotOpen() {
    insertRotated("a");
    write(tx -> store.insert(tx, api(endpoint("b", "https://b.example", "*")), NOW));
    String sealedForA = row("a").getSecret();
    write(
        tx ->
            tx.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.SECRET, sealedForA)
                .where(WEBHOOK_ENDPOINTS.ID.eq("b"))
                .execute());

    assertThatThrownBy(() -> database.read(store::all))
        .isInstanceOf(SecretUnreadableException.class)
        .hasMessage(
            "webhook_endpoints.secret:b: does not open under key k1 (changed, or moved from"
                + " another row)");
  }

  @Test
  void aNewMasterKeyWrapsTheDataKeysAgainWhenGivenThePreviousOne() {
    insertRotated("a");
    SecretKeyring replaced = TestKeys.keyring(database, TestKeys.OTHER_MASTER, TestKeys.MASTER);

    assertThat(new KeyRotation(database, replaced, store).prepare())
        .isEqualTo(new KeyRotation.Result("k1", 0));

    // The previous master key is no longer needed; the secrets did not change.
    SecretKeyring alone = TestKeys.keyring(database, TestKeys.OTHER_MASTER);
    WebhookEndpointStore reader = Stores.of(database, alone).webhooks();
    new KeyRotation(database, alone, reader).prepare();
    assertThat(database.read(reader::all).get(0).secret()).isEqualTo(NEXT);
    assertThatThrownBy(() -> new KeyRotation(database, TestKeys.keyring(database), store).prepare())
        .isInstanceOf(SecretUnreadableException.class);
  }

  @Test
  void aWrongMasterKeyIsRefusedAtStartNamingWhereItCameFrom() {
    insertRotated("a");
    SecretKeyring wrong = TestKeys.keyring(database, TestKeys.OTHER_MASTER);

    assertThatThrownBy(() -> new KeyRotation(database, wrong, store).prepare())
        .isInstanceOf(SecretUnreadableException.class)
        .hasMessage(
            "the master key from the test key does not open data key k1 (expected: the key this"
                + " database's secrets were encrypted with)");
    assertThat(row("a").getSecret()).startsWith("enc:v1:k1:");
  }
}
