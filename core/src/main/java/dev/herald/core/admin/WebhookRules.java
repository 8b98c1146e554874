package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.limit.Rate;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.net.UrlHost;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.InvalidRuleException;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a webhook endpoint created or changed over the API must look like: an https URL (http only
 * for the named and the allow-listed hosts) whose host is not a denied address, a valid id, a
 * bounded timeout and concurrency, valid event-type patterns, content patterns and transformations.
 * Each check adds a {@link FieldViolation} naming the request field.
 */
public final class WebhookRules {

  /** The longest attempt timeout an endpoint may ask for. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

  /** The most attempts under way at once an endpoint may ask for. */
  public static final int MAX_IN_FLIGHT = 256;

  private static final int MAX_REALM_LENGTH = 128;

  private final Set<String> httpHosts;
  private final AddressPolicy addresses;

  /** Creates the rules with the deny-by-default address policy. */
  public WebhookRules(Set<String> httpHosts) {
    this(httpHosts, AddressPolicy.denyByDefault());
  }

  /**
   * Creates the rules; {@code httpHosts} and the hosts {@code addresses} allow may receive plain
   * http (e.g. 127.0.0.1 in tests), and a literal address {@code addresses} denies is refused.
   */
  public WebhookRules(Set<String> httpHosts, AddressPolicy addresses) {
    this.httpHosts =
        requireNonNull(httpHosts, "httpHosts").stream()
            .map(host -> host.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.addresses = requireNonNull(addresses, "addresses");
  }

  /** Checks an endpoint id. */
  void id(String field, String id, List<FieldViolation> found) {
    if (!WebhookEndpoint.ID_PATTERN.matcher(id).matches()) {
      found.add(new FieldViolation(field, quote(id) + " (expected: [a-z0-9][a-z0-9_-]{0,63})"));
    }
  }

  /** Checks a webhook URL. */
  void url(String field, String url, List<FieldViolation> found) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      found.add(
          new FieldViolation(
              field, quote(url) + " (expected: an https URL; " + e.getReason() + ")"));
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = UrlHost.of(uri).orElse(null);
    if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
      found.add(new FieldViolation(field, quote(url) + " (expected: an https URL with a host)"));
    } else if (scheme.equals("http")
        && !httpHosts.contains(host)
        && !addresses.allowsPlainHttp(host)) {
      found.add(
          new FieldViolation(
              field,
              quote(url)
                  + " (expected: https; http only for the hosts in api.allow_http_hosts: "
                  + httpHosts.stream().sorted().toList()
                  + " or network.allow: "
                  + addresses.allowList()
                  + ")"));
    } else if (uri.getRawUserInfo() != null) {
      found.add(new FieldViolation(field, "credentials in the URL (expected: none)"));
    } else {
      addresses
          .checkLiteral(host)
          .ifPresent(denial -> found.add(new FieldViolation(field, denial.message())));
    }
  }

  /** Checks a per-attempt timeout. */
  void timeout(String field, Duration timeout, List<FieldViolation> found) {
    if (!timeout.isPositive() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      found.add(
          new FieldViolation(field, timeout + " (expected: > 0s and <= " + MAX_TIMEOUT + ")"));
    }
  }

  /** Checks an endpoint's concurrency. */
  void maxInFlight(String field, int maxInFlight, List<FieldViolation> found) {
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
      found.add(new FieldViolation(field, maxInFlight + " (expected: 1.." + MAX_IN_FLIGHT + ")"));
    }
  }

  /**
   * Parses a rate limit ({@code 50/s}, {@code 3000/min}, {@code 100000/h}); empty for blank text
   * (no limit) and, with a violation added, when malformed.
   */
  static Optional<Rate> rateLimit(String field, String text, List<FieldViolation> found) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rate.parse(text));
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field, e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * Parses a body format, blank meaning {@code herald}; {@code herald}, with a violation naming
   * {@code field}, when it is none of the formats.
   */
  static WebhookBodyFormat bodyFormat(String field, String text, List<FieldViolation> found) {
    if (text.isBlank()) {
      return WebhookBodyFormat.HERALD;
    }
    try {
      return WebhookBodyFormat.parse(text);
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field, e.getMessage()));
      return WebhookBodyFormat.HERALD;
    }
  }

  /**
   * Parses an ordering, a blank key meaning {@code subject} and a blank policy {@code block};
   * empty, with a violation naming {@code field.key} or {@code field.on_dead}, when either is
   * invalid.
   */
  static Optional<Ordering> ordering(
      String field, OrderingRequest request, List<FieldViolation> found) {
    OrderKey key = null;
    DeadHeadPolicy onDead = null;
    try {
      key = request.key().isBlank() ? OrderKey.subject() : OrderKey.parse(request.key());
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field + ".key", e.getMessage()));
    }
    try {
      onDead =
          request.onDead().isBlank()
              ? DeadHeadPolicy.BLOCK
              : DeadHeadPolicy.parse(request.onDead());
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field + ".on_dead", e.getMessage()));
    }
    return key == null || onDead == null
        ? Optional.empty()
        : Optional.of(new Ordering(key, onDead));
  }

  /** Checks a realm id. */
  void realm(String field, String realm, List<FieldViolation> found) {
    if (realm.length() > MAX_REALM_LENGTH || !realm.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      found.add(
          new FieldViolation(
              field,
              quote(realm)
                  + " (expected: at most "
                  + MAX_REALM_LENGTH
                  + " printable ASCII characters, no spaces)"));
    }
  }

  /** Parses an event-type pattern; null (with a violation added) when it is malformed. */
  public static EventTypePattern pattern(String field, String text, List<FieldViolation> found) {
    try {
      return EventTypePattern.parse(text);
    } catch (IllegalArgumentException e) {
      found.add(
          new FieldViolation(field, e.getMessage().replaceFirst("^event type pattern: ", "")));
      return null;
    }
  }

  /**
   * Parses a content pattern; empty when the text is blank (no pattern) and, with a violation
   * naming the path inside the pattern ({@code content_pattern.payload.total}), when it is invalid.
   */
  public static Optional<ContentPattern> contentPattern(
      String field, String text, List<FieldViolation> found) {
    return rule(field, text, ContentPattern::parse, found);
  }

  /**
   * Parses a transformation; empty when the text is blank (none) and, with a violation, when it is
   * invalid.
   */
  public static Optional<BodyTransform> transform(
      String field, String text, List<FieldViolation> found) {
    return rule(field, text, BodyTransform::parse, found);
  }

  private static <T> Optional<T> rule(
      String field, String text, Function<String, T> parse, List<FieldViolation> found) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (InvalidRuleException e) {
      found.add(new FieldViolation(e.pathFrom(field), e.reason()));
      return Optional.empty();
    }
  }

  private static String quote(String value) {
    return value.isEmpty() ? "empty" : "'" + value.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
