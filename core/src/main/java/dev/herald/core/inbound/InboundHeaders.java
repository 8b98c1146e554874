package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A request's headers, one value per name, looked up whatever the name's case. */
public final class InboundHeaders {

  private final TreeMap<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private InboundHeaders(Map<String, String> headers) {
    headers.forEach(
        (name, value) -> values.putIfAbsent(requireNonNull(name, "name"), requireNonNull(value)));
  }

  /** Returns the headers of {@code headers}; of names differing only in case, the first wins. */
  public static InboundHeaders of(Map<String, String> headers) {
    return new InboundHeaders(requireNonNull(headers, "headers"));
  }

  /** Returns the value of {@code name}, empty when absent. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * Returns the value of {@code name}.
   *
   * @throws InboundRefusal of reason {@code UNAUTHENTICATED} when it is absent: only verifiers
   *     require headers
   */
  String required(String name) {
    return get(name)
        .orElseThrow(() -> InboundRefusal.unauthenticated("missing " + name + " header"));
  }

  /** Returns these headers with {@code alias}'s value under {@code name} too, when it lacks one. */
  InboundHeaders withAlias(String name, String alias) {
    Map<String, String> copy = new TreeMap<>(values);
    get(alias).ifPresent(value -> copy.putIfAbsent(name, value));
    return new InboundHeaders(copy);
  }

  /** Returns the value of {@code name}, or of {@code alias} when {@code name} is absent. */
  Optional<String> either(String name, String alias) {
    return get(name).or(() -> get(alias));
  }
}
