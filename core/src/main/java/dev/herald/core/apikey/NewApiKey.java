package dev.herald.core.apikey;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import java.time.Instant;
import java.util.Optional;

/**
 * A key to create, as its creator asked for it.
 *
 * @param description what it is for
 * @param role what it may do
 * @param realms the realms it may act on
 * @param expiresAt when it stops working; empty: never
 * @param createdBy the name of the token creating it
 */
public record NewApiKey(
    String description,
    KeyRole role,
    Realms realms,
    Optional<Instant> expiresAt,
    String createdBy) {

  public NewApiKey {
    requireNonNull(description, "description");
    requireNonNull(role, "role");
    requireNonNull(realms, "realms");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(createdBy, "createdBy");
  }
}
