package dev.herald.core.apikey;

import java.time.Instant;

/** What checking a presented key found: a usable key, or why it is refused. */
public sealed interface KeyCheck {

  /** A key that may be used now. */
  record Valid(ApiKey key) implements KeyCheck {}

  /** No key has this text. */
  record Unknown() implements KeyCheck {}

  /** The key was revoked at {@code at}. */
  record Revoked(ApiKey key, Instant at) implements KeyCheck {}

  /** The key expired at {@code at}. */
  record Expired(ApiKey key, Instant at) implements KeyCheck {}
}
