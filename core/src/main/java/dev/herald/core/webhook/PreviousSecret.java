package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A secret rotated out that keeps signing beside the new one until {@code expiresAt}, so receivers
 * can switch secrets without rejecting a request.
 */
public record PreviousSecret(WebhookSecret secret, Instant expiresAt) {

  public PreviousSecret {
    requireNonNull(secret, "secret");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns whether it still signs at {@code now}. */
  public boolean signsAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
