package dev.herald.core.audit;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries a list shows; every present condition must hold.
 *
 * @param from entries at or after this time
 * @param to entries before this time
 * @param tokenName entries of this token
 * @param action entries of this action, e.g. {@code webhook.create}
 * @param realm entries of this realm
 * @param target entries about this id
 * @param succeeded entries that succeeded ({@code true}) or were refused or failed ({@code false})
 * @param visible the realms the reader may see: with some realms only, entries of no realm are
 *     hidden too
 */
public record AuditFilter(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> tokenName,
    Optional<String> action,
    Optional<String> realm,
    Optional<String> target,
    Optional<Boolean> succeeded,
    Realms visible) {

  public AuditFilter {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(tokenName, "tokenName");
    requireNonNull(action, "action");
    requireNonNull(realm, "realm");
    requireNonNull(target, "target");
    requireNonNull(succeeded, "succeeded");
    requireNonNull(visible, "visible");
  }

  /** Returns a filter that shows every entry. */
  public static AuditFilter everything() {
    return new AuditFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Realms.all());
  }
}
