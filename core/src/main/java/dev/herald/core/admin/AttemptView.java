package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One attempt from the attempt log; every detail but the outcome may be null when it does not
 * apply.
 *
 * @param outcome {@code succeeded}, {@code retry} or {@code dead}
 */
public record AttemptView(
    int attempt,
    Instant startedAt,
    long latencyMicros,
    String outcome,
    Integer httpStatus,
    String grpcCode,
    String errorClass,
    String errorMessage,
    String responseExcerpt) {

  public AttemptView {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(outcome, "outcome");
  }
}
