package dev.herald.core.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One admin change, as the audit log keeps it; it never holds a secret.
 *
 * @param at when the change was answered
 * @param tokenName the API token's name, or {@code cli:<os user>} for the command line
 * @param realm the realm acted in, when one applies
 * @param action what was done, e.g. {@code webhook.pause}
 * @param target the id of what was acted on, when there is one
 * @param outcome {@link #OK}, or the name of the status that refused or failed it, e.g. {@code
 *     INVALID_ARGUMENT}
 * @param message why it was refused or failed, when it was
 * @param details a JSON object: the request, every secret-like field removed
 */
public record AuditEntry(
    Instant at,
    String tokenName,
    Optional<String> realm,
    String action,
    Optional<String> target,
    String outcome,
    Optional<String> message,
    String details) {

  /** The outcome of a change that was made. */
  public static final String OK = "OK";

  public AuditEntry {
    requireNonNull(at, "at");
    requireNonNull(tokenName, "tokenName");
    requireNonNull(realm, "realm");
    requireNonNull(action, "action");
    requireNonNull(target, "target");
    requireNonNull(outcome, "outcome");
    requireNonNull(message, "message");
    requireNonNull(details, "details");
  }

  /** Returns whether the change was made. */
  public boolean succeeded() {
    return OK.equals(outcome);
  }
}
