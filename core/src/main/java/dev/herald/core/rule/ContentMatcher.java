package dev.herald.core.rule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * Matches an event against many content patterns at once: every pattern goes into one event-ruler
 * automaton, so an event's document is flattened and walked once whatever the number of patterns.
 * Immutable once built, and safe to share between threads.
 *
 * @param <K> what a pattern is known by, e.g. the subscription it belongs to
 */
public final class ContentMatcher<K> {

  private static final ContentMatcher<?> EMPTY = new ContentMatcher<>(null);

  private final GenericMachine<K> machine; // null when there are no patterns

  private ContentMatcher(GenericMachine<K> machine) {
    this.machine = machine;
  }

  /** Returns a matcher for the given patterns, each known by its key. */
  public static <K> ContentMatcher<K> of(Map<K, ContentPattern> patterns) {
    requireNonNull(patterns, "patterns");
    if (patterns.isEmpty()) {
      return empty();
    }
    GenericMachine<K> machine = GenericMachine.<K>builder().build();
    patterns.forEach(
        (key, pattern) -> {
          try {
            machine.addRule(key, pattern.json());
          } catch (IOException e) {
            throw new UncheckedIOException(e); // a ContentPattern was checked when parsed
          }
        });
    return new ContentMatcher<>(machine);
  }

  /** Returns a matcher with no patterns: it matches nothing. */
  @SuppressWarnings("unchecked")
  public static <K> ContentMatcher<K> empty() {
    return (ContentMatcher<K>) EMPTY;
  }

  /** Returns whether there are no patterns to match. */
  public boolean isEmpty() {
    return machine == null;
  }

  /** Returns the keys of the patterns the document matches, in no particular order. */
  public List<K> matching(JsonNode document) {
    requireNonNull(document, "document");
    return machine == null ? List.of() : machine.rulesForJSONEvent(document);
  }
}
