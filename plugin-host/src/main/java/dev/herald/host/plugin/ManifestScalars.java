package dev.herald.host.plugin;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.dispatch.grpc.PluginAddress;
import dev.herald.host.config.DurationParser;
import dev.herald.host.config.Scalar;
import dev.herald.host.config.Scalars;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value types only plugin manifests use, each checked as it is read. */
final class ManifestScalars {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  // semver.org's regular expression for SemVer 2.0.0.
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ManifestScalars() {}

  /** A plugin id: {@code [a-z0-9][a-z0-9_-]{0,63}}. */
  static Scalar<String> id() {
    return matching(ID, "[a-z0-9][a-z0-9_-]{0,63}");
  }

  /** A semantic version, e.g. {@code 1.4.2} or {@code 2.0.0-rc.1+build.5}. */
  static Scalar<String> semver() {
    return matching(SEMVER, "a semantic version like 1.4.2 or 2.0.0-rc.1");
  }

  /** A SHA-256 digest in hex, returned in lower case. */
  static Scalar<String> sha256() {
    Scalar<String> hex = matching(SHA256, "64 hexadecimal digits");
    return node -> hex.read(node).toLowerCase(Locale.ROOT);
  }

  /** A string of at least one character. */
  static Scalar<String> nonEmptyText() {
    return node -> {
      String text = Scalars.text().read(node);
      if (text.isEmpty()) {
        throw Scalars.expected(node, "a non-empty string");
      }
      return text;
    };
  }

  /** An integer from {@code min} to {@code max}, both included. */
  static Scalar<Integer> integerBetween(int min, int max) {
    return node -> {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw Scalars.expected(node, "an integer");
      }
      int value = node.intValue();
      if (value < min || value > max) {
        throw Scalars.expected(node, min + " to " + max);
      }
      return value;
    };
  }

  /** A duration above zero and at most {@code max}. */
  static Scalar<Duration> positiveDurationAtMost(Duration max) {
    return node -> {
      if (!node.isTextual()) {
        throw Scalars.expected(node, "a duration with a unit, e.g. 5s");
      }
      Duration duration = DurationParser.parse(node.asText());
      if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
        throw Scalars.expected(node, "> 0 and <= " + DurationParser.format(max));
      }
      return duration;
    };
  }

  /** An event type pattern: exact, {@code prefix.*} or {@code *}. */
  static Scalar<EventTypePattern> eventTypePattern() {
    return node -> EventTypePattern.parse(Scalars.text().read(node));
  }

  /** A remote plugin's address: {@code host:port}, {@code [v6]:port} or {@code unix:/path}. */
  static Scalar<PluginAddress> address() {
    return node -> {
      String text = Scalars.nonBlankText().read(node);
      try {
        return PluginAddress.parse(text.strip());
      } catch (IllegalArgumentException e) {
        throw Scalars.expected(node, "host:port or unix:/path/to/socket");
      }
    };
  }

  /** An environment variable name: letters, digits and {@code _}, not starting with a digit. */
  static boolean isEnvironmentName(String name) {
    return ENV_NAME.matcher(name).matches();
  }

  /** An existing regular file; a relative path is resolved against {@code folder}. */
  static Scalar<Path> existingFile(Path folder) {
    return node -> {
      String text = Scalars.nonBlankText().read(node);
      Path file;
      try {
        file = folder.resolve(text).normalize();
      } catch (InvalidPathException e) {
        throw Scalars.expected(node, "a file path; " + e.getReason());
      }
      if (!Files.isRegularFile(file)) {
        throw Scalars.expected(node, "an existing file; " + file + " is not one");
      }
      return file;
    };
  }

  private static Scalar<String> matching(Pattern pattern, String expectation) {
    return node -> {
      String text = Scalars.text().read(node);
      if (!pattern.matcher(text).matches()) {
        throw Scalars.expected(node, expectation);
      }
      return text;
    };
  }
}
