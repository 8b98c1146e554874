package dev.herald.core.apikey;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored API key, without its text or hash.
 *
 * @param id assigned when created
 * @param prefix the key's first characters, e.g. {@code hk_3fA9}, so a user recognises it
 * @param description what it is for
 * @param role what it may do
 * @param realms the realms it may act on
 * @param createdAt when it was created
 * @param createdBy the name of the token that created it
 * @param expiresAt when it stops working; empty: never
 * @param revokedAt when it was revoked; empty: not revoked
 * @param lastUsedAt when it was last used, as of the last usage flush
 * @param usageCount how many calls it authenticated, as of the last usage flush
 */
public record ApiKey(
    long id,
    String prefix,
    String description,
    KeyRole role,
    Realms realms,
    Instant createdAt,
    String createdBy,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt,
    long usageCount) {

  public ApiKey {
    requireNonNull(prefix, "prefix");
    requireNonNull(description, "description");
    requireNonNull(role, "role");
    requireNonNull(realms, "realms");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(createdBy, "createdBy");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(revokedAt, "revokedAt");
    requireNonNull(lastUsedAt, "lastUsedAt");
  }

  /** Returns whether it has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt.map(at -> !now.isBefore(at)).orElse(false);
  }
}
