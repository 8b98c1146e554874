package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping at a key path: reads typed values, records each problem under its full path, and
 * reports the keys nobody asked for as unknown. An absent or null value counts as not set.
 */
public final class YamlMapping {

  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final Set<String> knownKeys = new LinkedHashSet<>();

  private YamlMapping(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Returns the top-level mapping; a file that is not a mapping is a problem. */
  public static YamlMapping root(JsonNode node, Problems problems) {
    return of(node, "", problems);
  }

  private static YamlMapping of(JsonNode node, String path, Problems problems) {
    if (node.isMissingNode() || node.isNull() || node.isObject()) {
      return new YamlMapping(node, path, problems);
    }
    problems.add(
        path.isEmpty() ? "(top level)" : path, Scalars.echo(node) + " (expected: a mapping)");
    return new YamlMapping(MissingNode.getInstance(), path, problems);
  }

  /** Returns this mapping's path, e.g. {@code webhooks[0]}. */
  public String path() {
    return path;
  }

  /** Returns the path of {@code key} inside this mapping. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Records a problem under {@code key}, or under this mapping when {@code key} is null. */
  public void problem(String key, String reason) {
    problems.add(key == null ? (path.isEmpty() ? "(top level)" : path) : pathOf(key), reason);
  }

  /** Returns whether {@code key} is set to something other than null. */
  public boolean has(String key) {
    return raw(key).isPresent();
  }

  /** Returns the value of {@code key}, or {@code fallback} when it is not set or is invalid. */
  public <T> T get(String key, Scalar<T> scalar, T fallback) {
    return optional(key, scalar).orElse(fallback);
  }

  /** Returns the value of {@code key}; empty when it is not set or is invalid. */
  public <T> Optional<T> optional(String key, Scalar<T> scalar) {
    return raw(key).flatMap(value -> read(pathOf(key), value, scalar));
  }

  /** Returns the value of {@code key}; empty, with a problem recorded, when it is missing. */
  public <T> Optional<T> required(String key, Scalar<T> scalar) {
    if (!has(key)) {
      problem(key, "missing (required)");
      return Optional.empty();
    }
    return optional(key, scalar);
  }

  /**
   * Returns whichever of two alternative keys is set; empty, with a problem recorded, when both or
   * neither are.
   */
  public Optional<String> exactlyOneOf(String first, String second) {
    boolean hasFirst = has(first);
    if (hasFirst == has(second)) {
      problem(
          null,
          (hasFirst
                  ? "both " + first + " and " + second + " are set"
                  : "neither " + first + " nor " + second + " is set")
              + " (expected: exactly one of them)");
      return Optional.empty();
    }
    return Optional.of(hasFirst ? first : second);
  }

  /** Returns the nested mapping under {@code key}, empty when not set. */
  public YamlMapping mapping(String key) {
    return of(raw(key).orElse(MissingNode.getInstance()), pathOf(key), problems);
  }

  /**
   * Returns the list under {@code key}, each element read; empty when not set or any is invalid.
   */
  public <T> Optional<List<T>> list(String key, Scalar<T> scalar) {
    Optional<List<JsonNode>> elements = elements(key);
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    List<T> values = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < elements.get().size(); i++) {
      Optional<T> value = read(elementPath(key, i), elements.get().get(i), scalar);
      valid &= value.isPresent();
      value.ifPresent(values::add);
    }
    return valid ? Optional.of(values) : Optional.empty();
  }

  /** Returns the mappings listed under {@code key}, each at a path like {@code webhooks[1]}. */
  public List<YamlMapping> mappings(String key) {
    List<JsonNode> elements = elements(key).orElse(List.of());
    List<YamlMapping> mappings = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      mappings.add(of(elements.get(i), elementPath(key, i), problems));
    }
    return mappings;
  }

  /**
   * Returns every entry of this mapping in file order, each value read and each key counted as
   * known; a value that is invalid is recorded as a problem and left out.
   */
  public <T> Map<String, T> entries(Scalar<T> scalar) {
    Map<String, T> values = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            entry -> {
              knownKeys.add(entry.getKey());
              read(pathOf(entry.getKey()), entry.getValue(), scalar)
                  .ifPresent(value -> values.put(entry.getKey(), value));
            });
    return values;
  }

  /** Records every key that was never asked for as unknown; call after reading all keys. */
  public void rejectUnknownKeys() {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!knownKeys.contains(key)) {
                problem(key, "unknown key (expected one of: " + String.join(", ", knownKeys) + ")");
              }
            });
  }

  private Optional<JsonNode> raw(String key) {
    knownKeys.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private Optional<List<JsonNode>> elements(String key) {
    Optional<JsonNode> value = raw(key);
    if (value.isPresent() && !value.get().isArray()) {
      problem(key, Scalars.echo(value.get()) + " (expected: a list)");
      return Optional.empty();
    }
    return value.map(
        array -> {
          List<JsonNode> elements = new ArrayList<>();
          array.elements().forEachRemaining(elements::add);
          return elements;
        });
  }

  private String elementPath(String key, int index) {
    return pathOf(key) + "[" + index + "]";
  }

  private <T> Optional<T> read(String valuePath, JsonNode value, Scalar<T> scalar) {
    try {
      return Optional.of(scalar.read(value));
    } catch (IllegalArgumentException e) {
      problems.add(valuePath, e.getMessage());
      return Optional.empty();
    }
  }
}
