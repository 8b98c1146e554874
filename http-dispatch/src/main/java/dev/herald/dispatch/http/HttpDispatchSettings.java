package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * Tunes the webhook dispatcher.
 *
 * @param excerptBytes how many bytes of a response body the attempt log keeps
 * @param maxResponseBytes how many bytes of a response body are read at most; a longer body is cut
 *     off (closing the stream) and the response classified by its status alone
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer hints are capped to it
 * @param userAgent the {@code user-agent} header sent with every request
 */
public record HttpDispatchSettings(
    int excerptBytes, int maxResponseBytes, Duration maxRetryAfter, String userAgent) {

  /** The default {@link #excerptBytes()}. */
  public static final int DEFAULT_EXCERPT_BYTES = 1024;

  /** The default {@link #maxResponseBytes()}. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

  /** The default {@link #maxRetryAfter()}. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(24);

  public HttpDispatchSettings {
    requireNonNull(maxRetryAfter, "maxRetryAfter");
    requireNonNull(userAgent, "userAgent");
    if (excerptBytes < 0) {
      throw new IllegalArgumentException("excerptBytes: " + excerptBytes + " (expected: >= 0)");
    }
    if (maxResponseBytes < excerptBytes) {
      throw new IllegalArgumentException(
          "maxResponseBytes: "
              + maxResponseBytes
              + " (expected: >= excerptBytes "
              + excerptBytes
              + ")");
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter: " + maxRetryAfter + " (expected: >= 0)");
    }
    if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "userAgent: '" + userAgent + "' (expected: non-blank printable ASCII)");
    }
  }

  /**
   * Returns the defaults: a 1 KiB excerpt, 64 KiB read, 24 h Retry-After cap, {@code
   * Herald/<version>}.
   */
  public static HttpDispatchSettings ofDefaults() {
    return new HttpDispatchSettings(
        DEFAULT_EXCERPT_BYTES,
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_MAX_RETRY_AFTER,
        defaultUserAgent());
  }

  /** Returns {@code Herald/<version>}, the version of this module. */
  public static String defaultUserAgent() {
    return "Herald/" + Version.VALUE;
  }

  /** Returns a copy with the given excerpt size. */
  public HttpDispatchSettings withExcerptBytes(int excerptBytes) {
    return new HttpDispatchSettings(excerptBytes, maxResponseBytes, maxRetryAfter, userAgent);
  }

  /** Returns a copy with the given read limit. */
  public HttpDispatchSettings withMaxResponseBytes(int maxResponseBytes) {
    return new HttpDispatchSettings(excerptBytes, maxResponseBytes, maxRetryAfter, userAgent);
  }

  /** Returns a copy with the given Retry-After cap. */
  public HttpDispatchSettings withMaxRetryAfter(Duration maxRetryAfter) {
    return new HttpDispatchSettings(excerptBytes, maxResponseBytes, maxRetryAfter, userAgent);
  }

  /** Returns a copy with the given user agent. */
  public HttpDispatchSettings withUserAgent(String userAgent) {
    return new HttpDispatchSettings(excerptBytes, maxResponseBytes, maxRetryAfter, userAgent);
  }

  /** Holds the module version, filtered into a resource at build time. */
  private static final class Version {
    static final String VALUE = load();

    private static String load() {
      try (InputStream in = Version.class.getResourceAsStream("herald-http-dispatch.properties")) {
        if (in == null) {
          return "dev";
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "dev");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
