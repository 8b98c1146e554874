package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.proto.plugin.v1.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies the subscriptions a plugin describes at start to those of its manifest: Describe may
 * narrow them, never widen them. If any described subscription widens or is invalid, the manifest's
 * subscriptions stay in force for the whole plugin.
 *
 * <p>Content patterns and transforms belong to the manifest alone: Describe can neither add nor
 * change them. A described subscription keeps, for each event it selects, the pattern and transform
 * the manifest would have applied: it is split into its overlap with each manifest subscription, in
 * the manifest's order, each part carrying that subscription's rules. When no manifest subscription
 * has rules, the described subscriptions stand as they are.
 */
public final class SubscriptionNarrowing {

  private SubscriptionNarrowing() {}

  /**
   * What the host applies.
   *
   * @param effective the subscriptions in force: the described ones, or the manifest's when nothing
   *     was described or anything was refused
   * @param refusals one line per described subscription that was refused, saying why
   */
  public record Result(List<PluginSubscription> effective, List<String> refusals) {
    public Result {
      effective = List.copyOf(effective);
      refusals = List.copyOf(refusals);
    }
  }

  /** Returns the subscriptions in force given the manifest's and the ones Describe returned. */
  public static Result narrow(List<PluginSubscription> manifest, List<Subscription> described) {
    requireNonNull(manifest, "manifest");
    requireNonNull(described, "described");
    if (described.isEmpty()) {
      return new Result(manifest, List.of());
    }
    List<PluginSubscription> narrowed = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (int i = 0; i < described.size(); i++) {
      String where = "subscriptions[" + i + "]";
      PluginSubscription subscription;
      try {
        subscription = toSubscription(described.get(i));
      } catch (IllegalArgumentException e) {
        refusals.add(where + ": " + e.getMessage());
        continue;
      }
      List<String> reasons = new ArrayList<>();
      boolean within = false;
      for (int m = 0; m < manifest.size() && !within; m++) {
        List<String> widenings = widenings(manifest.get(m), subscription);
        within = widenings.isEmpty();
        reasons.add("manifest subscriptions[" + m + "]: " + String.join(", ", widenings));
      }
      if (within) {
        narrowed.addAll(withManifestRules(manifest, subscription));
      } else {
        refusals.add(
            where
                + " "
                + describe(subscription)
                + " widens the manifest ("
                + (reasons.isEmpty() ? "it has no subscriptions" : String.join("; ", reasons))
                + ")");
      }
    }
    return new Result(refusals.isEmpty() ? narrowed : manifest, refusals);
  }

  /**
   * Returns the described subscription as the manifest's rules apply to it: its overlap with each
   * manifest subscription, in order, with that one's pattern and transform; the first overlap that
   * selects an event and matches it is the one the manifest would have chosen.
   */
  private static List<PluginSubscription> withManifestRules(
      List<PluginSubscription> manifest, PluginSubscription described) {
    if (manifest.stream().noneMatch(PluginSubscription::hasContentRules)) {
      return List.of(described);
    }
    List<PluginSubscription> parts = new ArrayList<>();
    for (PluginSubscription outer : manifest) {
      overlap(outer, described).ifPresent(parts::add);
    }
    return parts;
  }

  /** Returns what both select, with {@code outer}'s content rules; empty when they are disjoint. */
  private static Optional<PluginSubscription> overlap(
      PluginSubscription outer, PluginSubscription inner) {
    Set<EventTypePattern> types = new LinkedHashSet<>();
    for (EventTypePattern pattern : inner.eventTypes()) {
      for (EventTypePattern other : outer.eventTypes()) {
        // Two patterns are nested or disjoint: the overlap is the narrower one.
        if (contains(other, pattern)) {
          types.add(pattern);
        } else if (contains(pattern, other)) {
          types.add(other);
        }
      }
    }
    Optional<Set<Integer>> versions = overlap(outer.eventVersions(), inner.eventVersions());
    Optional<Set<String>> realms = overlap(outer.realms(), inner.realms());
    if (types.isEmpty() || versions.isEmpty() || realms.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PluginSubscription(
            List.copyOf(types),
            versions.get(),
            realms.get(),
            outer.contentPattern(),
            outer.transform()));
  }

  /** Returns the values both sets allow, an empty set meaning all; empty when none is. */
  private static <T> Optional<Set<T>> overlap(Set<T> outer, Set<T> inner) {
    if (outer.isEmpty() || inner.isEmpty()) {
      return Optional.of(outer.isEmpty() ? inner : outer);
    }
    Set<T> both = new HashSet<>(inner);
    both.retainAll(outer);
    return both.isEmpty() ? Optional.empty() : Optional.of(both);
  }

  /**
   * Returns whether every event type {@code inner} matches is matched by {@code outer}: {@code *}
   * contains all, {@code a.*} contains {@code a.*}, {@code a.b.*} and exact types starting with
   * {@code a.}, an exact type only itself.
   */
  static boolean contains(EventTypePattern outer, EventTypePattern inner) {
    String outerText = outer.text();
    String innerText = inner.text();
    if (outerText.equals("*") || outerText.equals(innerText)) {
      return true;
    }
    if (!outerText.endsWith(".*") || innerText.equals("*")) {
      return false;
    }
    // "a.*" selects types starting "a."; "a.b.*" selects types starting "a.b.", "a.b" only itself.
    String outerPrefix = outerText.substring(0, outerText.length() - 1);
    String innerStem =
        innerText.endsWith(".*") ? innerText.substring(0, innerText.length() - 1) : innerText;
    return innerStem.startsWith(outerPrefix);
  }

  /** Returns why {@code inner} selects events {@code outer} does not; empty when it lies within. */
  private static List<String> widenings(PluginSubscription outer, PluginSubscription inner) {
    List<String> widenings = new ArrayList<>();
    for (EventTypePattern pattern : inner.eventTypes()) {
      if (outer.eventTypes().stream().noneMatch(o -> contains(o, pattern))) {
        widenings.add("event_types: " + pattern + " not within " + outer.eventTypes());
      }
    }
    if (!outer.eventVersions().isEmpty()
        && (inner.eventVersions().isEmpty()
            || !outer.eventVersions().containsAll(inner.eventVersions()))) {
      widenings.add(
          "event_versions: "
              + render(inner.eventVersions())
              + " not within "
              + render(outer.eventVersions()));
    }
    if (!outer.realms().isEmpty()
        && (inner.realms().isEmpty() || !outer.realms().containsAll(inner.realms()))) {
      widenings.add("realms: " + render(inner.realms()) + " not within " + render(outer.realms()));
    }
    return widenings;
  }

  private static PluginSubscription toSubscription(Subscription described) {
    if (described.getEventTypesCount() == 0) {
      throw new IllegalArgumentException("event_types: empty (expected: at least one pattern)");
    }
    List<EventTypePattern> patterns = new ArrayList<>();
    for (int j = 0; j < described.getEventTypesCount(); j++) {
      try {
        patterns.add(EventTypePattern.parse(described.getEventTypes(j)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("event_types[" + j + "]: " + e.getMessage());
      }
    }
    Set<Integer> versions = new HashSet<>();
    for (int j = 0; j < described.getEventVersionsCount(); j++) {
      int version = described.getEventVersions(j);
      // uint32 on the wire: above Integer.MAX_VALUE it arrives negative.
      if (version < 1) {
        throw new IllegalArgumentException(
            "event_versions["
                + j
                + "]: "
                + Integer.toUnsignedString(version)
                + " (expected: 1 to "
                + Integer.MAX_VALUE
                + ")");
      }
      versions.add(version);
    }
    Set<String> realms = new HashSet<>();
    for (int j = 0; j < described.getRealmsCount(); j++) {
      String realm = described.getRealms(j);
      if (realm.isBlank()) {
        throw new IllegalArgumentException(
            "realms[" + j + "]: '" + realm + "' (expected: a non-blank string)");
      }
      realms.add(realm);
    }
    return new PluginSubscription(patterns, versions, realms);
  }

  private static String describe(PluginSubscription subscription) {
    return "{event_types: "
        + subscription.eventTypes()
        + ", event_versions: "
        + render(subscription.eventVersions())
        + ", realms: "
        + render(subscription.realms())
        + "}";
  }

  private static String render(Set<?> values) {
    return values.isEmpty() ? "all" : new TreeSet<>(values).toString();
  }
}
