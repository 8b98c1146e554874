package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.secret.MasterKey;
import dev.herald.core.secret.MasterKeyFile;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Where the master key of webhook secrets at rest comes from, set by {@code secrets.key_ref}; its
 * text form never shows the key.
 *
 * @param key the key read through {@code key_ref}; empty for the key file beside a SQLite database
 * @param previousKeys the keys read through {@code previous_key_refs}: master keys being replaced,
 *     whose data keys are wrapped again under {@code key} at start
 */
public record SecretsConfig(Optional<MasterKey> key, List<MasterKey> previousKeys) {

  public SecretsConfig {
    requireNonNull(key, "key");
    previousKeys = List.copyOf(previousKeys);
  }

  /** Returns the default: no key_ref, so a SQLite database keeps its key in a file beside it. */
  public static SecretsConfig ofDefaults() {
    return new SecretsConfig(Optional.empty(), List.of());
  }

  /**
   * Returns the master key: the referenced one, or the key file beside the SQLite database, made at
   * first start.
   *
   * @throws ConfigException on PostgreSQL without a key_ref: its nodes must share one key, and
   *     there is no file beside the database to keep it in
   */
  public MasterKey masterKey(DatabaseConfig database, SecureRandom random) {
    return key.orElseGet(
        () ->
            switch (database) {
              case DatabaseConfig.Sqlite sqlite ->
                  MasterKeyFile.readOrCreate(MasterKeyFile.beside(sqlite.path()), random);
              case DatabaseConfig.Postgres postgres ->
                  throw new ConfigException(
                      "the configuration",
                      List.of(
                          "secrets.key_ref: not set (expected: on PostgreSQL, the name of a secret"
                              + " every node shares that holds the master key of webhook secrets,"
                              + " base64 of 32 bytes, e.g. from openssl rand -base64 32)"));
            });
  }
}
