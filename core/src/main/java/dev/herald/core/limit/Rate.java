package dev.herald.core.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate as users write it: {@code 50/s}, {@code 3000/min}, {@code 100000/h}.
 *
 * @param permits how many per {@code per}; at least 1
 * @param per the period; one second, minute or hour
 */
public record Rate(long permits, Duration per) {

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*/\\s*(s|min|h)");
  private static final String EXPECTED = "expected: <count>/s, /min or /h, e.g. 50/s";

  public Rate {
    if (permits < 1) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
    }
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("per: " + per + " (expected: positive)");
    }
  }

  /**
   * Parses {@code 50/s}, {@code 3000/min} or {@code 100000/h}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Rate parse(String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' (" + EXPECTED + ")");
    }
    long permits = Long.parseLong(m.group(1));
    if (permits < 1) {
      throw new IllegalArgumentException("'" + text + "' (expected: a count of at least 1)");
    }
    Duration per =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(1);
          case "min" -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    return new Rate(permits, per);
  }

  /** Returns the permits one second refills. */
  public double perSecond() {
    return permits * 1e9 / per.toNanos();
  }

  @Override
  public String toString() {
    String unit =
        per.equals(Duration.ofSeconds(1)) ? "s" : per.equals(Duration.ofMinutes(1)) ? "min" : "h";
    return permits + "/" + unit;
  }
}
