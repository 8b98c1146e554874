package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * One API token as configured: never the token itself, only its SHA-256.
 *
 * @param name names the token in logs, e.g. {@code ops}
 * @param role what it may do
 * @param sha256 the SHA-256 of the token's text, 32 bytes
 * @param realms the realms it may act on; empty means every realm
 */
public record ApiToken(String name, Role role, byte[] sha256, Optional<Set<String>> realms) {

  /** What a token may do. */
  public enum Role {
    /** Everything in the admin API, and publishing. */
    ADMIN,
    /** The admin API's reads only: its List and Get methods, and exports. */
    READER,
    /** Publishing and reading back its realms' events (the ingest API). */
    PUBLISHER
  }

  public ApiToken {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    sha256 = requireNonNull(sha256, "sha256").clone();
    realms = requireNonNull(realms, "realms").map(Set::copyOf);
    if (sha256.length != 32) {
      throw new IllegalArgumentException("sha256: " + sha256.length + " bytes (expected: 32)");
    }
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiToken t
        && name.equals(t.name)
        && role == t.role
        && java.util.Arrays.equals(sha256, t.sha256)
        && realms.equals(t.realms);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ApiToken["
        + name
        + ", "
        + role
        + ", sha256 "
        + HexFormat.of().formatHex(sha256, 0, 4)
        + "…]";
  }
}
