package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the token of the next page, empty on the last one.
 *
 * @param items at most the requested page size
 * @param nextPageToken pass back to get the next page; empty when there is none
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
    requireNonNull(nextPageToken, "nextPageToken");
  }

  /**
   * Returns the first {@code size} of {@code fetched} (fetched with one extra item to learn whether
   * more exist), with the next token taken from the last item kept.
   */
  public static <T> Page<T> of(List<T> fetched, int size, Function<T, String> token) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, "");
    }
    List<T> kept = fetched.subList(0, size);
    return new Page<>(kept, token.apply(kept.get(size - 1)));
  }
}
