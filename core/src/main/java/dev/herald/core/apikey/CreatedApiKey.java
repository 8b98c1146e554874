package dev.herald.core.apikey;

import static java.util.Objects.requireNonNull;

/**
 * A key just created, with its text: the only time the text exists outside its holder.
 *
 * @param key the stored key
 * @param text the key to present as {@code authorization: Bearer <text>}
 */
public record CreatedApiKey(ApiKey key, String text) {

  public CreatedApiKey {
    requireNonNull(key, "key");
    requireNonNull(text, "text");
  }

  /** Leaves the text out, so a logged record never shows it. */
  @Override
  public String toString() {
    return "CreatedApiKey[" + key + ", text " + key.prefix() + "…]";
  }
}
