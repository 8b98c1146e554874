package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.rule.JsonTrees;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What puts an event in an ordered key: its subject ({@code subject}: realm, subject type and id),
 * or the value at a dotted path of its JSON document, the body a webhook receives ({@code
 * payload.account_id}). An event with no value there (no subject, a missing or null field) has no
 * key and is delivered without ordering.
 */
public final class OrderKey {

  /** The spec of the subject key. */
  public static final String SUBJECT = "subject";

  // Keys longer than this are stored as their SHA-256: an index entry stays small whatever the
  // payload holds, and equal values still share a key.
  private static final int MAX_STORED_LENGTH = 200;
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private final String spec;
  private final List<String> path; // empty for the subject

  private OrderKey(String spec, List<String> path) {
    this.spec = spec;
    this.path = path;
  }

  /** Returns the subject key. */
  public static OrderKey subject() {
    return new OrderKey(SUBJECT, List.of());
  }

  /**
   * Parses {@code subject} or a dotted path into the event's JSON document.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code spec}
   */
  public static OrderKey parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "must not be empty (expected: subject, or a dotted path such as payload.account_id)");
    }
    if (spec.equals(SUBJECT)) {
      return subject();
    }
    if (!PATH.matcher(spec).matches()) {
      throw new IllegalArgumentException(
          "'"
              + spec
              + "' is not a dotted path (expected: subject, or names of letters, digits, _ and -"
              + " joined by dots, such as payload.account_id)");
    }
    return new OrderKey(spec, List.of(spec.split("\\.")));
  }

  /** Returns the form {@link #parse} reads: {@code subject} or the path. */
  public String spec() {
    return spec;
  }

  /** Returns whether the key reads the event's document (a path) rather than its subject. */
  public boolean readsDocument() {
    return !path.isEmpty();
  }

  /**
   * Returns the event's key as stored with its deliveries; empty when the event has no value for
   * it.
   */
  public Optional<String> of(RoutedEvent event) {
    Optional<String> raw = path.isEmpty() ? subjectOf(event) : valueAt(event.document());
    return raw.map(OrderKey::stored);
  }

  private static Optional<String> subjectOf(RoutedEvent event) {
    EventEnvelope envelope = event.envelope();
    if (envelope == null || !envelope.hasSubject()) {
      return Optional.empty();
    }
    Subject subject = envelope.getSubject();
    if (subject.getId().isEmpty()) {
      return Optional.empty();
    }
    String realm = event.event().realmId();
    String key = subject.getType() + "/" + subject.getId();
    return Optional.of(realm.isEmpty() ? key : realm + "/" + key);
  }

  private Optional<String> valueAt(JsonNode document) {
    JsonNode node = document;
    for (String name : path) {
      node = node == null ? null : node.get(name);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(node.isValueNode() ? node.asText() : JsonTrees.text(node));
  }

  private static String stored(String key) {
    if (key.length() <= MAX_STORED_LENGTH) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrderKey key && key.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return spec;
  }
}
