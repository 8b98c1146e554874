package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** A publish refused because its realm is over its ingest quota; nothing of it was stored. */
final class IngestQuotaExceededException extends RuntimeException {

  private final Duration retryAfter;

  IngestQuotaExceededException(String realm, String quota, Duration retryAfter) {
    super(
        "realm '"
            + realm
            + "' is over its ingest quota of "
            + quota
            + "; nothing was stored, publish again in "
            + seconds(retryAfter)
            + " s");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /** Returns whole seconds until the publish would be taken, at least one (HTTP's Retry-After). */
  long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    long millis = wait.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
