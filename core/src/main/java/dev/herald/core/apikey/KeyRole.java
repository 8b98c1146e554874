package dev.herald.core.apikey;

import java.util.Locale;

/** What an API key may do; spelled as in {@code api.tokens}: admin, reader, publisher. */
public enum KeyRole {
  /** Everything in the admin API, and publishing. */
  ADMIN,
  /** The admin API's reads only (List and Get methods, exports). */
  READER,
  /** Publishing and reading back its realms' events (the ingest API). */
  PUBLISHER;

  /** Returns the role's name as the API and the config spell it, e.g. {@code reader}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the role spelled {@code text}, or empty when there is none. */
  public static java.util.Optional<KeyRole> parse(String text) {
    for (KeyRole role : values()) {
      if (role.wireName().equals(text)) {
        return java.util.Optional.of(role);
      }
    }
    return java.util.Optional.empty();
  }
}
