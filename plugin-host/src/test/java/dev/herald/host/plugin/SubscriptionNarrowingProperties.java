package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.rule.BodyTransform;
import dev.herald.host.plugin.SubscriptionNarrowing.Result;
import dev.herald.proto.plugin.v1.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

class SubscriptionNarrowingProperties {

  // A small universe, so that random subscriptions overlap often.
  private static final List<String> SEGMENTS = List.of("a", "b", "c");
  private static final List<Integer> VERSIONS = List.of(1, 2, 3);
  private static final List<String> REALMS = List.of("r1", "r2", "r3");
  private static final List<OutboxEvent> EVENTS = events();

  private static List<OutboxEvent> events() {
    List<String> types = new ArrayList<>(SEGMENTS);
    for (int depth = 2; depth <= 4; depth++) {
      List<String> longer = new ArrayList<>();
      for (String type : types) {
        if (type.chars().filter(c -> c == '.').count() == depth - 2) {
          SEGMENTS.forEach(segment -> longer.add(type + "." + segment));
        }
      }
      types.addAll(longer);
    }
    List<OutboxEvent> events = new ArrayList<>();
    for (String type : types) {
      for (int version = 1; version <= VERSIONS.size() + 1; version++) {
        for (int realm = 1; realm <= REALMS.size() + 1; realm++) {
          events.add(
              new OutboxEvent(events.size(), "e" + events.size(), type, version, "r" + realm));
        }
      }
    }
    return events;
  }

  private static Arbitrary<String> types() {
    return Arbitraries.of(SEGMENTS).list().ofMinSize(1).ofMaxSize(3).map(s -> String.join(".", s));
  }

  private static Arbitrary<String> patterns() {
    return Arbitraries.oneOf(Arbitraries.just("*"), types(), types().map(type -> type + ".*"));
  }

  /** Patterns that select only events {@code pattern} selects. */
  private static Arbitrary<String> narrowerPatterns(String pattern) {
    if (pattern.equals("*")) {
      return patterns();
    }
    if (!pattern.endsWith(".*")) {
      return Arbitraries.just(pattern);
    }
    String stem = pattern.substring(0, pattern.length() - 2);
    return Arbitraries.oneOf(
        Arbitraries.just(pattern),
        types().map(type -> stem + "." + type),
        types().map(type -> stem + "." + type + ".*"));
  }

  private static <T> Arbitrary<Set<T>> subsets(List<T> values) {
    return Arbitraries.of(values).set().ofMaxSize(values.size());
  }

  /** A non-empty subset of {@code values}, or any subset when {@code values} is empty (= all). */
  private static <T> Arbitrary<Set<T>> narrowerSets(Set<T> values, List<T> universe) {
    return values.isEmpty()
        ? subsets(universe)
        : Arbitraries.of(List.copyOf(values)).set().ofMinSize(1).ofMaxSize(values.size());
  }

  @Provide
  Arbitrary<List<PluginSubscription>> manifests() {
    return Combinators.combine(
            patterns().map(EventTypePattern::parse).list().ofMinSize(1).ofMaxSize(3),
            subsets(VERSIONS),
            subsets(REALMS))
        .as(PluginSubscription::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<Subscription>> described() {
    return Combinators.combine(
            patterns().list().ofMinSize(1).ofMaxSize(3), subsets(VERSIONS), subsets(REALMS))
        .as(SubscriptionNarrowingProperties::toProto)
        .list()
        .ofMaxSize(3);
  }

  private static Subscription toProto(
      List<String> types, Set<Integer> versions, Set<String> realms) {
    return Subscription.newBuilder()
        .addAllEventTypes(types)
        .addAllEventVersions(versions)
        .addAllRealms(realms)
        .build();
  }

  /** A manifest and subscriptions that each narrow one of its subscriptions. */
  @Provide
  Arbitrary<Tuple2<List<PluginSubscription>, List<Subscription>>> manifestsWithNarrowings() {
    return manifests()
        .flatMap(
            manifest ->
                Arbitraries.of(manifest)
                    .flatMap(SubscriptionNarrowingProperties::narrowing)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)
                    .map(described -> Tuple.of(manifest, described)));
  }

  private static Arbitrary<Subscription> narrowing(PluginSubscription outer) {
    Arbitrary<List<String>> types =
        Arbitraries.of(outer.eventTypes())
            .flatMap(pattern -> narrowerPatterns(pattern.text()))
            .list()
            .ofMinSize(1)
            .ofMaxSize(3);
    return Combinators.combine(
            types,
            narrowerSets(outer.eventVersions(), VERSIONS),
            narrowerSets(outer.realms(), REALMS))
        .as(SubscriptionNarrowingProperties::toProto);
  }

  private static boolean selects(List<PluginSubscription> subscriptions, OutboxEvent event) {
    return subscriptions.stream().anyMatch(s -> s.selects(event));
  }

  private static void assertNeverWider(
      List<PluginSubscription> manifest, List<PluginSubscription> effective) {
    for (OutboxEvent event : EVENTS) {
      if (selects(effective, event)) {
        assertThat(selects(manifest, event))
            .as("%s is selected by %s but not by the manifest %s", event, effective, manifest)
            .isTrue();
      }
    }
  }

  @Property
  void effectiveSubscriptionsNeverSelectAnEventTheManifestDoesNot(
      @ForAll("manifests") List<PluginSubscription> manifest,
      @ForAll("described") List<Subscription> described) {
    Result result = SubscriptionNarrowing.narrow(manifest, described);
    Statistics.label("outcome")
        .collect(
            described.isEmpty()
                ? "nothing described"
                : result.refusals().isEmpty() ? "narrowed" : "refused");

    assertNeverWider(manifest, result.effective());
    if (!result.refusals().isEmpty() || described.isEmpty()) {
      assertThat(result.effective()).isEqualTo(manifest);
    } else {
      assertThat(result.effective()).hasSameSizeAs(described);
    }
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("narrowed").percentage(p -> p > 5);
              coverage.check("refused").percentage(p -> p > 20);
            });
  }

  @Property
  void narrowingsAreAccepted(
      @ForAll("manifestsWithNarrowings")
          Tuple2<List<PluginSubscription>, List<Subscription>> example) {
    List<PluginSubscription> manifest = example.get1();
    List<Subscription> described = example.get2();

    Result result = SubscriptionNarrowing.narrow(manifest, described);

    assertThat(result.refusals()).isEmpty();
    assertThat(result.effective()).hasSameSizeAs(described);
    assertNeverWider(manifest, result.effective());
  }

  @Property
  void narrowingKeepsTheTransformTheManifestAppliesToEachEvent(
      @ForAll("manifestsWithNarrowings")
          Tuple2<List<PluginSubscription>, List<Subscription>> example) {
    // Manifest subscription m reshapes the payload into the literal m: the transform tells which
    // manifest subscription an event went through.
    List<PluginSubscription> plain = example.get1();
    List<PluginSubscription> manifest = new ArrayList<>();
    for (int m = 0; m < plain.size(); m++) {
      PluginSubscription s = plain.get(m);
      manifest.add(
          new PluginSubscription(
              s.eventTypes(),
              s.eventVersions(),
              s.realms(),
              Optional.empty(),
              Optional.of(BodyTransform.parse("`" + m + "`"))));
    }
    List<PluginSubscription> described =
        SubscriptionNarrowing.narrow(plain, example.get2()).effective();

    Result result = SubscriptionNarrowing.narrow(manifest, example.get2());

    assertThat(result.refusals()).isEmpty();
    for (OutboxEvent event : EVENTS) {
      Optional<PluginSubscription> chosen = first(result.effective(), event);
      assertThat(chosen.isPresent())
          .as("%s selected by %s as by the described %s", event, result.effective(), described)
          .isEqualTo(selects(described, event));
      chosen.ifPresent(
          subscription ->
              assertThat(subscription.transform())
                  .as("%s in %s", event, result.effective())
                  .isEqualTo(first(manifest, event).orElseThrow().transform()));
    }
  }

  private static Optional<PluginSubscription> first(
      List<PluginSubscription> subscriptions, OutboxEvent event) {
    return subscriptions.stream().filter(s -> s.selects(event)).findFirst();
  }
}
