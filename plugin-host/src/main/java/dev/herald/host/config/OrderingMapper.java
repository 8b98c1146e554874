package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import java.util.Optional;

/**
 * Reads a target's {@code ordering} the same way in the config file's webhooks and in plugin
 * manifests: {@code ordering: {key: payload.account_id, on_dead: skip}} (key {@code subject} and
 * on_dead {@code block} when left out), or {@code ordering: subject} for a key with the default
 * policy. A problem is recorded at its path, e.g. {@code webhooks[1].ordering.key}.
 */
public final class OrderingMapper {

  /** The key a target's ordering is written under. */
  public static final String KEY = "ordering";

  private OrderingMapper() {}

  /**
   * Returns the ordering under {@link #KEY} of {@code yaml}: empty inside when it is not set; empty
   * outside, with the problem recorded, when it is invalid.
   */
  public static Optional<Optional<Ordering>> read(YamlMapping yaml) {
    Optional<JsonNode> written = yaml.optional(KEY, OrderingMapper::keyOrMapping);
    if (written.isEmpty()) {
      return yaml.has(KEY) ? Optional.empty() : Optional.of(Optional.empty());
    }
    if (!written.get().isObject()) {
      return yaml.optional(KEY, OrderingMapper::key)
          .map(key -> Optional.of(new Ordering(key, DeadHeadPolicy.BLOCK)));
    }
    YamlMapping ordering = yaml.mapping(KEY);
    Optional<OrderKey> key = ordering.optional("key", OrderingMapper::key);
    Optional<DeadHeadPolicy> onDead = ordering.optional("on_dead", OrderingMapper::onDead);
    ordering.rejectUnknownKeys();
    if ((ordering.has("key") && key.isEmpty()) || (ordering.has("on_dead") && onDead.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        Optional.of(
            new Ordering(key.orElse(OrderKey.subject()), onDead.orElse(DeadHeadPolicy.BLOCK))));
  }

  private static JsonNode keyOrMapping(JsonNode node) {
    if (node.isObject() || node.isTextual()) {
      return node;
    }
    throw Scalars.expected(
        node,
        "subject, a dotted path such as payload.account_id, or a mapping with key and on_dead");
  }

  private static OrderKey key(JsonNode node) {
    return OrderKey.parse(Scalars.text().read(node));
  }

  private static DeadHeadPolicy onDead(JsonNode node) {
    return DeadHeadPolicy.parse(Scalars.text().read(node));
  }
}
