package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Converts one YAML value into a typed, validated value. */
@FunctionalInterface
public interface Scalar<T> {

  /**
   * Returns the typed value.
   *
   * @throws IllegalArgumentException with the reason, e.g. {@code 0 (expected: > 0)}; the caller
   *     adds the key path
   */
  T read(JsonNode node);
}
