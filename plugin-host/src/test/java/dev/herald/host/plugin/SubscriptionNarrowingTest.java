package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.host.plugin.SubscriptionNarrowing.Result;
import dev.herald.proto.plugin.v1.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionNarrowingTest {

  private static final List<PluginSubscription> MANIFEST =
      List.of(
          subscription(List.of("user.*", "group.created"), Set.of(1, 2), Set.of("acme")),
          subscription(List.of("billing.invoice.*"), Set.of(), Set.of()));

  private static PluginSubscription subscription(
      List<String> types, Set<Integer> versions, Set<String> realms) {
    return new PluginSubscription(
        types.stream().map(EventTypePattern::parse).toList(), versions, realms);
  }

  private static Subscription described(
      List<String> types, List<Integer> versions, List<String> realms) {
    return Subscription.newBuilder()
        .addAllEventTypes(types)
        .addAllEventVersions(versions)
        .addAllRealms(realms)
        .build();
  }

  @Test
  void nothingDescribedKeepsTheManifest() {
    assertThat(SubscriptionNarrowing.narrow(MANIFEST, List.of()))
        .isEqualTo(new Result(MANIFEST, List.of()));
  }

  @Test
  void narrowerSubscriptionsReplaceTheManifest() {
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST,
            List.of(
                described(List.of("user.created", "user.role.*"), List.of(2), List.of("acme")),
                described(List.of("billing.invoice.paid"), List.of(), List.of("globex"))));

    assertThat(result.refusals()).isEmpty();
    assertThat(result.effective())
        .containsExactly(
            subscription(List.of("user.created", "user.role.*"), Set.of(2), Set.of("acme")),
            subscription(List.of("billing.invoice.paid"), Set.of(), Set.of("globex")));
  }

  @Test
  void subscriptionMustLieWithinOneManifestSubscription() {
    // user.created is in [0] and billing.invoice.paid in [1], but no single one holds both.
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST,
            List.of(
                described(
                    List.of("user.created", "billing.invoice.paid"), List.of(1), List.of("acme"))));

    assertThat(result.effective()).isEqualTo(MANIFEST);
    assertThat(result.refusals())
        .containsExactly(
            "subscriptions[0] {event_types: [user.created, billing.invoice.paid], event_versions:"
                + " [1], realms: [acme]} widens the manifest (manifest subscriptions[0]:"
                + " event_types: billing.invoice.paid not within [user.*, group.created];"
                + " manifest subscriptions[1]: event_types: user.created not within"
                + " [billing.invoice.*])");
  }

  @Test
  void oneWideningSubscriptionKeepsTheManifestForTheWholePlugin() {
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST,
            List.of(
                described(List.of("billing.invoice.paid"), List.of(), List.of()),
                described(List.of("billing.*"), List.of(), List.of())));

    assertThat(result.effective()).isEqualTo(MANIFEST);
    assertThat(result.refusals())
        .singleElement()
        .asString()
        .startsWith("subscriptions[1] {event_types: [billing.*]")
        .contains("event_types: billing.* not within [billing.invoice.*]");
  }

  @Test
  void allVersionsUnderAVersionedManifestWidens() {
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST, List.of(described(List.of("user.created"), List.of(), List.of("acme"))));

    assertThat(result.effective()).isEqualTo(MANIFEST);
    assertThat(result.refusals())
        .singleElement()
        .asString()
        .contains("manifest subscriptions[0]: event_versions: all not within [1, 2]");
  }

  @Test
  void otherVersionWidens() {
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST, List.of(described(List.of("user.created"), List.of(1, 3), List.of("acme"))));

    assertThat(result.refusals())
        .singleElement()
        .asString()
        .contains("event_versions: [1, 3] not within [1, 2]");
  }

  @Test
  void otherOrAllRealmsWiden() {
    Result other =
        SubscriptionNarrowing.narrow(
            MANIFEST, List.of(described(List.of("user.*"), List.of(1), List.of("acme", "globex"))));
    Result all =
        SubscriptionNarrowing.narrow(
            MANIFEST, List.of(described(List.of("user.*"), List.of(1), List.of())));

    assertThat(other.refusals())
        .singleElement()
        .asString()
        .contains("realms: [acme, globex] not within [acme]");
    assertThat(all.refusals()).singleElement().asString().contains("realms: all not within [acme]");
  }

  @Test
  void invalidDescribedSubscriptionsAreRefused() {
    Result result =
        SubscriptionNarrowing.narrow(
            MANIFEST,
            List.of(
                described(List.of("user.created", "User.*"), List.of(), List.of()),
                described(List.of(), List.of(), List.of()),
                described(List.of("user.created"), List.of(0), List.of("acme")),
                described(List.of("user.created"), List.of(-1), List.of("acme")),
                described(List.of("user.created"), List.of(1), List.of(" "))));

    assertThat(result.effective()).isEqualTo(MANIFEST);
    assertThat(result.refusals())
        .containsExactly(
            "subscriptions[0]: event_types[1]: event type pattern: 'User.*' (expected: an event"
                + " type like user.created of at most 128 characters, a prefix wildcard like"
                + " user.*, or *)",
            "subscriptions[1]: event_types: empty (expected: at least one pattern)",
            "subscriptions[2]: event_versions[0]: 0 (expected: 1 to 2147483647)",
            "subscriptions[3]: event_versions[0]: 4294967295 (expected: 1 to 2147483647)",
            "subscriptions[4]: realms[0]: ' ' (expected: a non-blank string)");
  }

  @Test
  void narrowedSubscriptionKeepsTheManifestsContentRulesEventByEvent() {
    ContentPattern bigOrders =
        ContentPattern.parse("{\"payload\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
    BodyTransform ids = BodyTransform.parse("payload.order_id");
    PluginSubscription placed =
        new PluginSubscription(
            List.of(EventTypePattern.parse("order.placed")),
            Set.of(),
            Set.of(),
            Optional.of(bigOrders),
            Optional.of(ids));
    PluginSubscription orders = subscription(List.of("order.*"), Set.of(1, 2), Set.of());
    List<PluginSubscription> manifest = List.of(placed, orders);

    // order.* lies within manifest subscription [1]; order.placed events still go through [0].
    Result result =
        SubscriptionNarrowing.narrow(
            manifest, List.of(described(List.of("order.*"), List.of(2), List.of("acme"))));

    assertThat(result.refusals()).isEmpty();
    assertThat(result.effective())
        .containsExactly(
            new PluginSubscription(
                List.of(EventTypePattern.parse("order.placed")),
                Set.of(2),
                Set.of("acme"),
                Optional.of(bigOrders),
                Optional.of(ids)),
            subscription(List.of("order.*"), Set.of(2), Set.of("acme")));
  }

  @Test
  void describedSubscriptionCannotShedTheManifestsPattern() {
    ContentPattern web = ContentPattern.parse("{\"payload\":{\"channel\":[\"web\"]}}");
    List<PluginSubscription> manifest =
        List.of(
            new PluginSubscription(
                List.of(EventTypePattern.parse("user.*")),
                Set.of(),
                Set.of(),
                Optional.of(web),
                Optional.empty()));

    Result result =
        SubscriptionNarrowing.narrow(
            manifest, List.of(described(List.of("user.created"), List.of(), List.of())));

    assertThat(result.effective())
        .containsExactly(
            new PluginSubscription(
                List.of(EventTypePattern.parse("user.created")),
                Set.of(),
                Set.of(),
                Optional.of(web),
                Optional.empty()));
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "*, *, true",
    "*, user.*, true",
    "*, user.created, true",
    "user.*, user.*, true",
    "user.*, user.role.*, true",
    "user.*, user.created, true",
    "user.*, user.role.assigned, true",
    "user.*, *, false",
    "user.*, users.created, false",
    "user.*, user, false",
    "user.*, group.*, false",
    "user.role.*, user.*, false",
    "user.created, user.created, true",
    "user.created, user.created.*, false",
    "user.created, user.*, false",
    "user.created, *, false",
    "user.created, user.deleted, false",
  })
  void patternContainment(String outer, String inner, boolean contained) {
    assertThat(
            SubscriptionNarrowing.contains(
                EventTypePattern.parse(outer), EventTypePattern.parse(inner)))
        .isEqualTo(contained);
  }
}
