package dev.herald.dispatch.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a {@code Retry-After} header: delta-seconds or an HTTP-date. */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * Returns how long to wait, measured from {@code now} and capped at {@code max}; empty when the
   * value is absent or unparseable. A date in the past means no wait.
   */
  static Optional<Duration> parse(String value, Instant now, Duration max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    Duration wait;
    if (isDigits(trimmed)) {
      try {
        wait = Duration.ofSeconds(Long.parseLong(trimmed));
      } catch (NumberFormatException e) {
        wait = max; // more digits than a long holds: longer than any cap
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(now, at);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      wait = Duration.ZERO;
    }
    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
