package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the sample identity service runs.
 *
 * @param database the SQLite file holding the sample's tables and Herald's outbox
 * @param port the HTTP port on 127.0.0.1; 0 picks a free one
 * @param realm the realm (tenant) every event of this service belongs to
 */
public record IdentitySettings(Path database, int port, String realm) {

  /** The environment variable naming the database file; default {@code ./data/identity.db}. */
  public static final String DATABASE = "IDENTITY_DATABASE";

  /** The environment variable holding the HTTP port; default 8090. */
  public static final String PORT = "IDENTITY_PORT";

  /** The environment variable holding the realm; default {@code acme}. */
  public static final String REALM = "IDENTITY_REALM";

  /** Creates settings; the port must be 0 to 65535 and the realm not empty. */
  public IdentitySettings {
    requireNonNull(database, "database");
    requireNonNull(realm, "realm");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(PORT + ": " + port + " (expected: 0 to 65535)");
    }
    if (realm.isEmpty()) {
      throw new IllegalArgumentException(REALM + ": empty (expected: a realm id, e.g. acme)");
    }
  }

  /** Returns the settings the environment gives, with the defaults for what it leaves out. */
  public static IdentitySettings fromEnvironment(Map<String, String> environment) {
    String port = environment.getOrDefault(PORT, "8090");
    try {
      return new IdentitySettings(
          Path.of(environment.getOrDefault(DATABASE, "./data/identity.db")),
          Integer.parseInt(port),
          environment.getOrDefault(REALM, "acme"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + ": '" + port + "' (expected: a port number)", e);
    }
  }

  /**
   * Returns the source URI of this service's events, e.g. {@code
   * urn:herald:identity-sample:realms/acme}.
   */
  public String source() {
    return "urn:herald:identity-sample:realms/" + realm;
  }
}
