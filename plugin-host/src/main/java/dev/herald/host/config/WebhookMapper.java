package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.limit.Rate;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.net.UrlHost;
import dev.herald.core.route.Ordering;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.InvalidRuleException;
import dev.herald.core.rule.JsonTrees;
import dev.herald.core.webhook.StaticHeaders;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Maps the {@code webhooks} list to {@link WebhookConfig}s, resolving each secret. */
final class WebhookMapper {

  private final SecretResolver secrets;

  WebhookMapper(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /**
   * Returns the webhooks that are complete; problems with the others are recorded, among them a URL
   * whose literal address {@code addresses} denies, or plain http to a host it does not allow.
   */
  List<WebhookConfig> map(YamlMapping root, AddressPolicy addresses) {
    List<WebhookConfig> webhooks = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    for (YamlMapping yaml : root.mappings("webhooks")) {
      Optional<String> id = yaml.required("id", WebhookMapper::id);
      if (id.isPresent()) {
        String first = pathById.putIfAbsent(id.get(), yaml.path());
        if (first != null) {
          yaml.problem(
              "id", "'" + id.get() + "' (expected: unique; already used by " + first + ")");
        }
      }
      Optional<URI> url = yaml.required("url", node -> url(node, addresses));
      Optional<WebhookSecret> secret = secret(yaml);
      Optional<List<EventTypePattern>> eventTypes =
          yaml.has("event_types") ? eventTypes(yaml) : Optional.of(List.of());
      Optional<String> realm = yaml.optional("realm", Scalars.nonBlankText());
      boolean enabled = yaml.get("enabled", Scalars.bool(), true);
      Duration timeout =
          yaml.get("timeout", Scalars.positiveDuration(), WebhookConfig.DEFAULT_TIMEOUT);
      int maxInFlight =
          yaml.get("max_in_flight", Scalars.integerAtLeast(1), WebhookConfig.DEFAULT_MAX_IN_FLIGHT);
      Optional<Rate> rateLimit = yaml.optional("rate_limit", Scalars.rate());
      Optional<Map<String, String>> headers = headers(yaml);
      Optional<List<SubscriptionConfig>> subscriptions = subscriptions(yaml);
      Optional<Optional<Ordering>> ordering = OrderingMapper.read(yaml);
      WebhookBodyFormat bodyFormat =
          yaml.optional("body_format", WebhookMapper::bodyFormat).orElse(WebhookBodyFormat.HERALD);
      if (eventTypes.map(List::isEmpty).orElse(false)
          && subscriptions.map(List::isEmpty).orElse(false)) {
        if (yaml.has("subscriptions")) {
          yaml.problem(
              "subscriptions", "empty (expected: at least one subscription, or event_types)");
        } else {
          yaml.problem("event_types", "missing (required)");
        }
        eventTypes = Optional.empty();
      }
      yaml.rejectUnknownKeys();
      if (id.isPresent()
          && url.isPresent()
          && secret.isPresent()
          && eventTypes.isPresent()
          && subscriptions.isPresent()
          && headers.isPresent()
          && ordering.isPresent()) {
        webhooks.add(
            new WebhookConfig(
                id.get(),
                url.get(),
                secret.get(),
                eventTypes.get(),
                realm,
                enabled,
                timeout,
                maxInFlight,
                rateLimit,
                headers.get(),
                subscriptions.get(),
                ordering.get(),
                bodyFormat));
      }
    }
    return webhooks;
  }

  // The same rules as over the admin API; a problem names the header, never shows its value.
  private static Optional<Map<String, String>> headers(YamlMapping yaml) {
    Map<String, String> headers = yaml.mapping("headers").entries(Scalars.text());
    List<FieldViolation> found = StaticHeaders.violations("headers", headers);
    found.forEach(violation -> yaml.problem(violation.field(), violation.reason()));
    return found.isEmpty() ? Optional.of(headers) : Optional.empty();
  }

  private static WebhookBodyFormat bodyFormat(JsonNode node) {
    return WebhookBodyFormat.parse(Scalars.text().read(node));
  }

  private static String id(JsonNode node) {
    String id = Scalars.text().read(node);
    if (!WebhookEndpoint.ID_PATTERN.matcher(id).matches()) {
      throw Scalars.expected(node, "[a-z0-9][a-z0-9_-]{0,63}");
    }
    return id;
  }

  private static URI url(JsonNode node, AddressPolicy addresses) {
    String text = Scalars.text().read(node);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw Scalars.expected(node, "an http or https URL; " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Scalars.expected(node, "an http or https URL");
    }
    String host = UrlHost.of(uri).orElse(null);
    if (host == null) {
      throw Scalars.expected(node, "an http or https URL with a host");
    }
    if (scheme.equals("http") && !addresses.allowsPlainHttp(host)) {
      throw Scalars.expected(
          node, "https; plain http only to the hosts in network.allow: " + addresses.allowList());
    }
    addresses
        .checkLiteral(host)
        .ifPresent(
            denial -> {
              throw new IllegalArgumentException(
                  Scalars.echo(node) + " (" + denial.message().replace(" (denied; ", ", denied; "));
            });
    return uri;
  }

  private Optional<List<EventTypePattern>> eventTypes(YamlMapping yaml) {
    if (!yaml.has("event_types")) {
      yaml.problem("event_types", "missing (required)");
      return Optional.empty();
    }
    Optional<List<EventTypePattern>> patterns = yaml.list("event_types", WebhookMapper::pattern);
    if (patterns.isPresent() && patterns.get().isEmpty()) {
      yaml.problem("event_types", "empty (expected: at least one event type pattern)");
      return Optional.empty();
    }
    return patterns;
  }

  // Each entry shares the webhook's realm; its content_pattern and transform are named by their
  // path.
  private Optional<List<SubscriptionConfig>> subscriptions(YamlMapping yaml) {
    List<SubscriptionConfig> subscriptions = new ArrayList<>();
    boolean valid = true;
    for (YamlMapping entry : yaml.mappings("subscriptions")) {
      Optional<List<EventTypePattern>> eventTypes = eventTypes(entry);
      Optional<Optional<ContentPattern>> contentPattern =
          rule(entry, "content_pattern", WebhookMapper::patternText, ContentPattern::parse);
      Optional<Optional<BodyTransform>> transform =
          rule(entry, "transform", Scalars.text(), BodyTransform::parse);
      entry.rejectUnknownKeys();
      if (eventTypes.isPresent() && contentPattern.isPresent() && transform.isPresent()) {
        subscriptions.add(
            new SubscriptionConfig(eventTypes.get(), contentPattern.get(), transform.get()));
      } else {
        valid = false;
      }
    }
    return valid ? Optional.of(subscriptions) : Optional.empty();
  }

  /**
   * Reads an optional rule; the outer optional is empty, with a problem recorded at the path inside
   * the rule, when it is invalid.
   */
  private static <T> Optional<Optional<T>> rule(
      YamlMapping yaml, String key, Scalar<String> text, Function<String, T> parse) {
    if (!yaml.has(key)) {
      return Optional.of(Optional.empty());
    }
    Optional<String> written = yaml.optional(key, text);
    if (written.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Optional.of(parse.apply(written.get())));
    } catch (InvalidRuleException e) {
      yaml.problem(e.pathFrom(key), e.reason());
      return Optional.empty();
    }
  }

  // A pattern is written as a YAML mapping, or as a JSON string.
  private static String patternText(JsonNode node) {
    if (node.isObject()) {
      return JsonTrees.text(node);
    }
    if (node.isTextual()) {
      return node.asText();
    }
    throw Scalars.expected(node, "a mapping or a JSON object as a string");
  }

  private static EventTypePattern pattern(JsonNode node) {
    return EventTypePattern.parse(Scalars.text().read(node));
  }

  private Optional<WebhookSecret> secret(YamlMapping yaml) {
    return yaml.exactlyOneOf("secret", "secret_ref")
        .flatMap(
            key ->
                key.equals("secret")
                    ? yaml.optional(key, WebhookMapper::inlineSecret)
                    : yaml.optional(key, this::referencedSecret));
  }

  // WebhookSecret's messages start "secret: " and never contain the secret itself.
  private static WebhookSecret inlineSecret(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("not a string (expected: whsec_<base64>)");
    }
    try {
      return WebhookSecret.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^secret: ", ""));
    }
  }

  private WebhookSecret referencedSecret(JsonNode node) {
    String name = Scalars.text().read(node);
    String value = secrets.resolve(name);
    try {
      return WebhookSecret.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' resolved to an invalid " + e.getMessage());
    }
  }
}
