package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.limit.Rate;
import dev.herald.core.retry.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** The value types the config file uses, each checked as it is read. */
public final class Scalars {

  private static final int ECHO_LIMIT = 80;

  private Scalars() {}

  /** A string; numbers are accepted as written, since YAML reads {@code 123} as one. */
  public static Scalar<String> text() {
    return node -> {
      if (node.isTextual() || node.isNumber()) {
        return node.asText();
      }
      throw expected(node, "a string");
    };
  }

  /** A string with at least one non-blank character. */
  public static Scalar<String> nonBlankText() {
    return node -> {
      String text = text().read(node);
      if (text.isBlank()) {
        throw expected(node, "a non-blank string");
      }
      return text;
    };
  }

  /** A boolean: {@code true} or {@code false}. */
  public static Scalar<Boolean> bool() {
    return node -> {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      throw expected(node, "true or false");
    };
  }

  /** An integer no less than {@code min}. */
  public static Scalar<Integer> integerAtLeast(int min) {
    return node -> {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw expected(node, "an integer");
      }
      int value = node.intValue();
      if (value < min) {
        throw expected(node, min == 1 ? "> 0" : ">= " + min);
      }
      return value;
    };
  }

  /** A number from {@code min} to {@code max}, both included. */
  public static Scalar<Double> decimalBetween(double min, double max) {
    return node -> {
      if (!node.isNumber()) {
        throw expected(node, "a number");
      }
      double value = node.doubleValue();
      if (!(value >= min && value <= max)) {
        throw expected(node, max == Double.MAX_VALUE ? ">= " + min : min + " to " + max);
      }
      return value;
    };
  }

  /** A duration above zero. */
  public static Scalar<Duration> positiveDuration() {
    return node -> {
      Duration duration = duration(node);
      if (duration.isNegative() || duration.isZero()) {
        throw expected(node, "> 0");
      }
      return duration;
    };
  }

  /** A retry delay: from zero up to {@link RetryPolicy#MAX_DELAY}. */
  public static Scalar<Duration> retryDelay() {
    return node -> {
      Duration duration = duration(node);
      if (duration.isNegative() || duration.compareTo(RetryPolicy.MAX_DELAY) > 0) {
        throw expected(node, ">= 0 and <= 365d");
      }
      return duration;
    };
  }

  /**
   * A duration of zero or more, or {@code off} (also {@code 0} or {@code false}), read as zero: for
   * settings where zero turns a feature off.
   */
  public static Scalar<Duration> durationOrOff() {
    return node -> {
      boolean off =
          (node.isTextual() && node.asText().strip().equals("off"))
              || (node.isBoolean() && !node.booleanValue())
              || (node.isIntegralNumber() && node.asLong() == 0);
      if (off) {
        return Duration.ZERO;
      }
      if (!node.isTextual()) {
        throw expected(node, "a duration with a unit, e.g. 5d, or off");
      }
      Duration duration = DurationParser.parse(node.asText());
      if (duration.isNegative()) {
        throw expected(node, ">= 0, or off");
      }
      return duration;
    };
  }

  /** A file-system path, normalised. */
  public static Scalar<Path> path() {
    return node -> {
      String text = nonBlankText().read(node);
      try {
        return Path.of(text).normalize();
      } catch (InvalidPathException e) {
        throw expected(node, "a file path; " + e.getReason());
      }
    };
  }

  /** An absolute URI, e.g. {@code urn:herald:local}. */
  public static Scalar<URI> absoluteUri() {
    return node -> {
      String text = text().read(node);
      try {
        URI uri = new URI(text);
        if (uri.isAbsolute()) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw expected(node, "an absolute URI, e.g. urn:herald:local");
    };
  }

  /** A rate, e.g. {@code 50/s}, {@code 3000/min}. */
  public static Scalar<Rate> rate() {
    return node -> {
      if (!node.isTextual()) {
        throw expected(node, "a rate, e.g. 50/s");
      }
      return Rate.parse(node.asText());
    };
  }

  /** Returns an exception whose message echoes the value and states what was expected. */
  public static IllegalArgumentException expected(JsonNode node, String expectation) {
    return new IllegalArgumentException(echo(node) + " (expected: " + expectation + ")");
  }

  /** Renders a value for an error message: strings quoted, numbers as written. */
  public static String echo(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (!node.isTextual()) {
      return node.asText();
    }
    String text = node.asText();
    return "'" + (text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "…" : text) + "'";
  }

  private static Duration duration(JsonNode node) {
    if (!node.isTextual()) {
      throw expected(node, "a duration with a unit, e.g. 5s");
    }
    return DurationParser.parse(node.asText());
  }
}
