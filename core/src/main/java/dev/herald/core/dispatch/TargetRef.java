package dev.herald.core.dispatch;

import static java.util.Objects.requireNonNull;

/** Names one delivery target: a kind ({@code webhook}, {@code plugin}) and its id. */
public record TargetRef(String kind, String id) {

  public static final String WEBHOOK = "webhook";
  public static final String PLUGIN = "plugin";

  public TargetRef {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    if (kind.isEmpty() || kind.contains(":")) {
      throw new IllegalArgumentException("kind: '" + kind + "' (expected: non-empty, no ':')");
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id: empty (expected: non-empty)");
    }
  }

  /** Returns a reference to the webhook endpoint with the given id. */
  public static TargetRef webhook(String id) {
    return new TargetRef(WEBHOOK, id);
  }

  /** Parses the stored form {@code kind:id}. */
  public static TargetRef parse(String key) {
    int colon = key.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("target: '" + key + "' (expected: <kind>:<id>)");
    }
    return new TargetRef(key.substring(0, colon), key.substring(colon + 1));
  }

  /** Returns the stored form {@code kind:id}. */
  public String key() {
    return kind + ":" + id;
  }

  @Override
  public String toString() {
    return key();
  }
}
