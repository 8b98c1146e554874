package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.PostgresSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the sample identity service runs.
 *
 * @param database the SQLite file holding the sample's tables and Herald's outbox
 * @param postgres the PostgreSQL database holding them instead, when present (the file is then left
 *     alone)
 * @param port the HTTP port on 127.0.0.1; 0 picks a free one
 * @param realm the realm (tenant) every event of this service belongs to
 */
public record IdentitySettings(
    Path database, Optional<PostgresSettings> postgres, int port, String realm) {

  /** The environment variable naming the database file; default {@code ./data/identity.db}. */
  public static final String DATABASE = "IDENTITY_DATABASE";

  /**
   * The environment variable holding a PostgreSQL JDBC URL to use instead of the file, e.g. {@code
   * jdbc:postgresql://localhost:5432/herald?user=herald&password=...}.
   */
  public static final String DATABASE_URL = "IDENTITY_DATABASE_URL";

  /** The environment variable holding the HTTP port; default 8090. */
  public static final String PORT = "IDENTITY_PORT";

  /** The environment variable holding the realm; default {@code acme}. */
  public static final String REALM = "IDENTITY_REALM";

  /** Creates settings; the port must be 0 to 65535 and the realm not empty. */
  public IdentitySettings {
    requireNonNull(database, "database");
    requireNonNull(postgres, "postgres");
    requireNonNull(realm, "realm");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(PORT + ": " + port + " (expected: 0 to 65535)");
    }
    if (realm.isEmpty()) {
      throw new IllegalArgumentException(REALM + ": empty (expected: a realm id, e.g. acme)");
    }
  }

  /** Creates settings on the SQLite file {@code database}. */
  public IdentitySettings(Path database, int port, String realm) {
    this(database, Optional.empty(), port, realm);
  }

  /** Returns the settings the environment gives, with the defaults for what it leaves out. */
  public static IdentitySettings fromEnvironment(Map<String, String> environment) {
    String port = environment.getOrDefault(PORT, "8090");
    Optional<PostgresSettings> postgres =
        Optional.ofNullable(environment.get(DATABASE_URL))
            .filter(url -> !url.isBlank())
            .map(IdentitySettings::postgres);
    if (postgres.isPresent() && environment.containsKey(DATABASE)) {
      throw new IllegalArgumentException(
          DATABASE + " and " + DATABASE_URL + " are both set (expected: at most one of them)");
    }
    try {
      return new IdentitySettings(
          Path.of(environment.getOrDefault(DATABASE, "./data/identity.db")),
          postgres,
          Integer.parseInt(port),
          environment.getOrDefault(REALM, "acme"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + ": '" + port + "' (expected: a port number)", e);
    }
  }

  // The role and password, if any, come with the URL (?user=...&password=...).
  private static PostgresSettings postgres(String url) {
    if (!url.startsWith("jdbc:postgresql://")) {
      // Not echoed: the URL may carry a password.
      throw new IllegalArgumentException(
          DATABASE_URL + ": not a PostgreSQL URL (expected: jdbc:postgresql://host:port/database)");
    }
    return PostgresSettings.of(url, "", "");
  }

  /** Returns where the data is, for the log: the file, or the URL without its query. */
  public String describeDatabase() {
    return postgres
        .map(settings -> settings.url().split("\\?", 2)[0])
        .orElseGet(() -> database.toAbsolutePath().normalize().toString());
  }

  /**
   * Returns the source URI of this service's events, e.g. {@code
   * urn:herald:identity-sample:realms/acme}.
   */
  public String source() {
    return "urn:herald:identity-sample:realms/" + realm;
  }
}
