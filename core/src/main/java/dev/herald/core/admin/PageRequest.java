package dev.herald.core.admin;

import java.util.Optional;

/**
 * One page of a list: how many items, and after which item ({@code pageToken}, opaque to callers,
 * empty for the first page).
 */
public record PageRequest(int size, Optional<String> after) {

  /** The page size when the caller asks for none. */
  public static final int DEFAULT_SIZE = 100;

  /** The largest page. */
  public static final int MAX_SIZE = 1000;

  /**
   * Validates a request's {@code page_size} (0 for the default) and {@code page_token}.
   *
   * @throws AdminException naming page_size when it is out of range
   */
  public static PageRequest of(int pageSize, String pageToken) {
    return of(pageSize, pageToken, DEFAULT_SIZE);
  }

  /** Validates like {@link #of(int, String)}, for a list whose default size is {@code fallback}. */
  public static PageRequest of(int pageSize, String pageToken, int fallback) {
    if (pageSize < 0 || pageSize > MAX_SIZE) {
      throw AdminException.invalid(
          "page_size", pageSize + " (expected: 1.." + MAX_SIZE + ", or 0 for " + fallback + ")");
    }
    return new PageRequest(
        pageSize == 0 ? fallback : pageSize,
        pageToken == null || pageToken.isEmpty() ? Optional.empty() : Optional.of(pageToken));
  }

  /** Returns the token as a numeric id, for lists keyed by a row id. */
  public Optional<Long> afterId() {
    try {
      return after.map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw AdminException.invalid(
          "page_token", "'" + after.get() + "' (expected: a token from a previous page)");
    }
  }
}
