package dev.herald.core.webhook;

import dev.herald.core.envelope.FieldViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an endpoint's static headers must look like, wherever they are declared (config file or
 * admin API): RFC 7230 token names, unique whatever their case, none that Herald or the HTTP client
 * sets itself, and printable values that cannot break the header block. Each check adds a {@link
 * FieldViolation} naming the header, never showing its value, which may be a credential.
 */
public final class StaticHeaders {

  /** The most static headers an endpoint may have. */
  public static final int MAX_HEADERS = 20;

  /** The longest header name. */
  public static final int MAX_NAME_LENGTH = 128;

  /** The longest header value, room for a bearer token such as a JWT. */
  public static final int MAX_VALUE_LENGTH = 4096;

  // RFC 7230 section 3.2.6: token = 1*tchar.
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private static final String HERALD_SETS_IT = "reserved (Herald sets it)";
  private static final String CLIENT_SETS_IT = "reserved (the HTTP client manages it)";
  private static final String TRACE_CONTEXT =
      "reserved (Herald forwards the event's trace context)";

  // Lowercase names; a name ending in '-' reserves every name with that prefix.
  private static final Map<String, String> RESERVED =
      Map.ofEntries(
          Map.entry("webhook-", HERALD_SETS_IT),
          Map.entry("reauth-signature", HERALD_SETS_IT),
          Map.entry("idempotency-key", HERALD_SETS_IT),
          Map.entry("x-correlation-id", HERALD_SETS_IT),
          Map.entry("user-agent", HERALD_SETS_IT),
          Map.entry("content-", "reserved (Herald sets it: it describes the signed body)"),
          Map.entry("traceparent", TRACE_CONTEXT),
          Map.entry("tracestate", TRACE_CONTEXT),
          Map.entry("host", CLIENT_SETS_IT),
          Map.entry("transfer-encoding", CLIENT_SETS_IT),
          Map.entry("connection", CLIENT_SETS_IT),
          Map.entry("keep-alive", CLIENT_SETS_IT),
          Map.entry("te", CLIENT_SETS_IT),
          Map.entry("trailer", CLIENT_SETS_IT),
          Map.entry("upgrade", CLIENT_SETS_IT),
          Map.entry("expect", CLIENT_SETS_IT),
          Map.entry("http2-settings", CLIENT_SETS_IT),
          Map.entry("proxy-", CLIENT_SETS_IT));

  private StaticHeaders() {}

  /**
   * Checks the headers given under {@code field} (e.g. {@code headers}); each problem is added
   * under {@code field.<name>}, or under {@code field} when it concerns the whole map.
   */
  public static void check(String field, Map<String, String> headers, List<FieldViolation> found) {
    if (headers.size() > MAX_HEADERS) {
      found.add(
          new FieldViolation(
              field, headers.size() + " headers (expected: at most " + MAX_HEADERS + ")"));
    }
    Map<String, String> seen = new HashMap<>();
    headers.forEach(
        (name, value) -> {
          Optional<String> nameProblem = nameProblem(name);
          if (nameProblem.isPresent()) {
            found.add(new FieldViolation(field, nameProblem.get()));
            return;
          }
          String lower = name.toLowerCase(Locale.ROOT);
          String first = seen.putIfAbsent(lower, name);
          if (first != null) {
            found.add(
                new FieldViolation(
                    field + "." + name,
                    "duplicate (expected: unique names whatever their case; already given as "
                        + first
                        + ")"));
          }
          reservation(lower)
              .or(() -> valueProblem(value))
              .ifPresent(reason -> found.add(new FieldViolation(field + "." + name, reason)));
        });
  }

  // Why a lowercase name is reserved, when it is.
  private static Optional<String> reservation(String lower) {
    for (Map.Entry<String, String> reserved : RESERVED.entrySet()) {
      String key = reserved.getKey();
      boolean matches = key.endsWith("-") ? lower.startsWith(key) : lower.equals(key);
      if (matches) {
        return Optional.of(reserved.getValue());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nameProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("a header with an empty name (expected: an RFC 7230 token)");
    }
    if (name.length() > MAX_NAME_LENGTH || !TOKEN.matcher(name).matches()) {
      return Optional.of(
          "header name '"
              + printable(name)
              + "' (expected: an RFC 7230 token of at most "
              + MAX_NAME_LENGTH
              + " characters: letters, digits and !#$%&'*+.^_`|~-)");
    }
    return Optional.empty();
  }

  // The value is never echoed: it may be a credential.
  private static Optional<String> valueProblem(String value) {
    if (value.isEmpty()) {
      return Optional.of("empty (expected: a value)");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return Optional.of(
          value.length() + " characters (expected: at most " + MAX_VALUE_LENGTH + ")");
    }
    boolean printable = value.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == '\t');
    if (!printable) {
      return Optional.of(
          "contains a control (e.g. CR, LF, NUL) or non-ASCII character (expected: printable"
              + " ASCII)");
    }
    if (value.charAt(0) == ' '
        || value.charAt(0) == '\t'
        || value.endsWith(" ")
        || value.endsWith("\t")) {
      return Optional.of("leading or trailing whitespace (expected: none, HTTP would strip it)");
    }
    return Optional.empty();
  }

  private static String printable(String name) {
    String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return shown.replaceAll("[^\\x21-\\x7e]", "?");
  }

  /** Returns the list of violations of {@code headers} under {@code field}, empty when valid. */
  public static List<FieldViolation> violations(String field, Map<String, String> headers) {
    List<FieldViolation> found = new ArrayList<>();
    check(field, headers, found);
    return found;
  }
}
