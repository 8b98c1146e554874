package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written as a whole number and a unit ({@code 250ms}, {@code 5s}, {@code 5m},
 * {@code 2h}, {@code 1d}) or in ISO-8601 ({@code PT5S}); a leading minus sign is kept so callers
 * can report a negative value as out of range rather than as unreadable.
 */
public final class DurationParser {

  private static final Pattern SHORT = Pattern.compile("([-+]?\\d+)(ms|s|m|h|d)");
  private static final String EXPECTED =
      "(expected: a duration like 250ms, 5s, 5m, 2h, 1d or PT5S)";

  private DurationParser() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException quoting the text and the accepted forms
   */
  public static Duration parse(String text) {
    requireNonNull(text, "text");
    String trimmed = text.strip();
    Matcher matcher = SHORT.matcher(trimmed);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(trimmed);
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' " + EXPECTED);
    }
  }

  /** Formats a duration in the shortest form {@link #parse} reads back, e.g. {@code 5m}. */
  public static String format(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; ; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
  }
}
