package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.inbound.InboundSourceStore;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import dev.herald.core.webhook.WebhookEndpointStore;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of webhook secrets at rest: checked and applied at start, rotated on an operator's
 * command. Each runs in one transaction, so a secret is always sealed under a key every node can
 * read.
 */
public final class KeyRotation {

  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

  private final Database database;
  private final SecretKeyring keyring;
  private final WebhookEndpointStore webhooks;
  private final ToIntFunction<DSLContext> resealSources;

  /** Creates the command over the database's keyring and its webhook store. */
  public KeyRotation(Database database, SecretKeyring keyring, WebhookEndpointStore webhooks) {
    this(database, keyring, webhooks, tx -> 0);
  }

  /** Creates the command over the database's keyring, its webhook and inbound source stores. */
  public KeyRotation(
      Database database,
      SecretKeyring keyring,
      WebhookEndpointStore webhooks,
      InboundSourceStore sources) {
    this(database, keyring, webhooks, requireNonNull(sources, "sources")::resealSecrets);
  }

  private KeyRotation(
      Database database,
      SecretKeyring keyring,
      WebhookEndpointStore webhooks,
      ToIntFunction<DSLContext> resealSources) {
    this.database = requireNonNull(database, "database");
    this.keyring = requireNonNull(keyring, "keyring");
    this.webhooks = requireNonNull(webhooks, "webhooks");
    this.resealSources = resealSources;
  }

  /**
   * What a rotation or a start did.
   *
   * @param keyId the active key's id, e.g. {@code k2}
   * @param resealed how many endpoints and inbound sources had their secrets sealed again under it
   */
  public record Result(String keyId, int resealed) {}

  /**
   * Checks that the master key opens every stored data key, adds the first one if there is none,
   * and seals under the active key what is not yet under it, secrets stored in clear included.
   *
   * @throws dev.herald.core.secret.SecretUnreadableException when the master key is the wrong one
   */
  public Result prepare() {
    Result result =
        database.write(
            tx -> {
              int rewrapped = keyring.check(tx);
              if (rewrapped > 0) {
                log.info("Wrapped {} data key(s) under the new master key", rewrapped);
              }
              int resealed = webhooks.resealSecrets(tx) + resealSources.applyAsInt(tx);
              return new Result(keyring.activeKeyId(tx).orElseThrow(), resealed);
            });
    if (result.resealed() > 0) {
      log.info(
          "Encrypted the secrets of {} webhook endpoint(s) under key {}",
          result.resealed(),
          result.keyId());
    }
    return result;
  }

  /** Adds a new active key and seals every stored secret under it; older keys stay readable. */
  public Result rotate() {
    Result result =
        database.write(
            tx -> {
              String keyId = keyring.rotate(tx);
              return new Result(keyId, webhooks.resealSecrets(tx) + resealSources.applyAsInt(tx));
            });
    log.info(
        "Rotated the key of webhook secrets: key {} is active, {} endpoint(s) re-encrypted",
        result.keyId(),
        result.resealed());
    return result;
  }
}
