package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where Herald's PostgreSQL database is and how to use it.
 *
 * @param url a {@code jdbc:postgresql://host:port/database} URL
 * @param user the role to connect as; empty to leave it to the URL or the driver
 * @param password the role's password; empty for none
 * @param poolSize the most connections this node opens
 * @param schema the schema Herald's tables live in (created when missing); empty for the
 *     connection's default, usually {@code public}
 */
public record PostgresSettings(
    String url, String user, String password, int poolSize, Optional<String> schema) {

  /** The pool size when the configuration names none. */
  public static final int DEFAULT_POOL_SIZE = 10;

  public PostgresSettings {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(schema, "schema");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "url: '" + url + "' (expected: jdbc:postgresql://host:port/database)");
    }
    if (poolSize < 2) {
      // One connection for the router's write transactions, at least one more for the rest.
      throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 2)");
    }
  }

  /** Returns settings with the default pool and schema. */
  public static PostgresSettings of(String url, String user, String password) {
    return new PostgresSettings(url, user, password, DEFAULT_POOL_SIZE, Optional.empty());
  }

  /** Returns the settings without the password, which must never reach a log. */
  @Override
  public String toString() {
    return "PostgresSettings[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "none" : "***")
        + ", poolSize="
        + poolSize
        + ", schema="
        + schema.orElse("(default)")
        + "]";
  }

  /** Returns a copy that keeps Herald's tables in {@code newSchema}. */
  public PostgresSettings withSchema(String newSchema) {
    return new PostgresSettings(url, user, password, poolSize, Optional.of(newSchema));
  }
}
