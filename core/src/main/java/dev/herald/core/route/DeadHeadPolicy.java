package dev.herald.core.route;

import java.util.Locale;

/** What an ordered key does when its head delivery is dead-lettered. */
public enum DeadHeadPolicy {
  /** The key waits for an operator to retry or discard the dead letter. */
  BLOCK,
  /** The key goes on with its next delivery; the dead letter stays for an operator. */
  SKIP;

  /** Returns the configured and stored form: {@code block} or {@code skip}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code block} or {@code skip}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DeadHeadPolicy parse(String text) {
    for (DeadHeadPolicy policy : values()) {
      if (policy.text().equals(text)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("'" + text + "' (expected: block or skip)");
  }
}
