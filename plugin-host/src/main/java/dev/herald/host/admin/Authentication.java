package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What a call's {@code authorization} header proved: a caller, or why it is refused (401). */
sealed interface Authentication {

  /** Returns the caller, or empty when refused. */
  Optional<Caller> caller();

  /** A known, usable token or key. */
  record Known(Caller who) implements Authentication {
    public Known {
      requireNonNull(who, "who");
    }

    @Override
    public Optional<Caller> caller() {
      return Optional.of(who);
    }
  }

  /** No usable token or key: unknown, revoked or expired, as {@code reason} says. */
  record Refused(String reason) implements Authentication {
    public Refused {
      requireNonNull(reason, "reason");
    }

    @Override
    public Optional<Caller> caller() {
      return Optional.empty();
    }
  }
}
