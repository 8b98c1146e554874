package dev.herald.host.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.InvalidRuleException;
import dev.herald.core.rule.JsonTrees;
import dev.herald.host.config.Scalars;
import dev.herald.host.config.YamlMapping;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a manifest subscription's content rules: {@code content_pattern} (a mapping, or the same as
 * a JSON string) and {@code transform} (a JMESPath expression). A bad rule is a problem at the path
 * inside it, e.g. {@code subscriptions[0].content_pattern.payload.total}.
 */
final class ManifestRules {

  static final String CONTENT_PATTERN = "content_pattern";
  static final String TRANSFORM = "transform";

  private ManifestRules() {}

  /** Returns the subscription's content pattern; empty when not set or invalid. */
  static Optional<ContentPattern> contentPattern(YamlMapping subscription) {
    Optional<String> json =
        subscription.optional(
            CONTENT_PATTERN,
            node -> {
              if (node.isObject()) {
                return JsonTrees.text(node);
              }
              if (node.isTextual()) {
                return node.asText();
              }
              throw Scalars.expected(node, "a mapping, or a JSON object in a string");
            });
    return json.flatMap(text -> parse(subscription, CONTENT_PATTERN, text, ContentPattern::parse));
  }

  /** Returns the subscription's transform; empty when not set or invalid. */
  static Optional<BodyTransform> transform(YamlMapping subscription) {
    return subscription
        .optional(TRANSFORM, ManifestRules::expression)
        .flatMap(text -> parse(subscription, TRANSFORM, text, BodyTransform::parse));
  }

  private static String expression(JsonNode node) {
    if (!node.isTextual()) {
      throw Scalars.expected(node, "a JMESPath expression in a string");
    }
    return node.asText();
  }

  private static <T> Optional<T> parse(
      YamlMapping subscription, String key, String text, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(text));
    } catch (InvalidRuleException e) {
      subscription.problem(e.where().isEmpty() ? key : key + "." + e.where(), e.reason());
      return Optional.empty();
    }
  }
}
