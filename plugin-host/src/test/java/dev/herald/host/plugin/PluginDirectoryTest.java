package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.rule.EventDocuments;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirectoryTest {

  private static final TargetRef ORDERS = new TargetRef(TargetRef.PLUGIN, "orders");
  private static final TargetRef BIG_ORDERS = new TargetRef(TargetRef.PLUGIN, "big-orders");

  private final EventDocuments documents = new EventDocuments(EnvelopeJson.withoutTypedPayloads());
  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(3), "urn:herald:test");
  private final PluginDirectory directory = new PluginDirectory(() -> {}, documents);

  @TempDir Path dir;

  private PluginManifest manifest(String id, String subscriptions) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve(id + ".plugin.yaml"),
            """
            id: %s
            version: 1.0.0
            protocol_versions: [1]
            address: 127.0.0.1:7443
            subscriptions:
            %s
            """
                .formatted(id, subscriptions.indent(2)));
    return ManifestLoader.load(file);
  }

  private RoutedEvent routed(EventEnvelope envelope) {
    return new RoutedEvent(
        new OutboxEvent(
            1,
            envelope.getEventId(),
            envelope.getEventType(),
            envelope.getEventVersion(),
            envelope.getRealmId()),
        () -> documents.document(envelope));
  }

  private EventEnvelope placed(int total) {
    return events.json("order.placed", "acme", "{\"total\": " + total + "}");
  }

  @BeforeEach
  void register() throws IOException {
    directory.register(
        manifest(
            "orders",
            """
            - event_types: [order.placed]
              transform: "{total: payload.total}"
            - event_types: [order.*]
            """));
    directory.register(
        manifest(
            "big-orders",
            """
            - event_types: [order.placed]
              content_pattern: {payload: {total: [{numeric: [">", 100]}]}}
            """));
  }

  @Test
  void anOrderedPluginHasItsManifestsOrderingAndMakesTheRouterLoadEnvelopes() throws IOException {
    PluginDirectory plain = new PluginDirectory(() -> {}, documents);
    plain.register(manifest("mirror", "- event_types: [user.*]"));
    assertThat(plain.contentDocuments()).as("no pattern, no ordering").isEmpty();

    Path file =
        Files.writeString(
            dir.resolve("ordered.plugin.yaml"),
            """
            id: ordered
            version: 1.0.0
            protocol_versions: [1]
            address: 127.0.0.1:7443
            subscriptions: [{event_types: [user.*]}]
            delivery: {max_in_flight: 16, ordering: {key: payload.user_id, on_dead: skip}}
            """);
    plain.register(ManifestLoader.load(file));

    TargetRef ordered = new TargetRef(TargetRef.PLUGIN, "ordered");
    assertThat(plain.ordering(ordered))
        .contains(new Ordering(OrderKey.parse("payload.user_id"), DeadHeadPolicy.SKIP));
    assertThat(plain.maxInFlight(ordered)).as("not forced to 1").isEqualTo(16);
    assertThat(plain.ordering(new TargetRef(TargetRef.PLUGIN, "mirror"))).isEmpty();
    assertThat(plain.contentDocuments()).isPresent();
  }

  @Test
  void contentPatternsDecideWhichPluginsGetTheEvent() {
    assertThat(directory.contentDocuments()).isPresent();
    assertThat(directory.subscribers(routed(placed(250))))
        .containsExactlyInAnyOrder(ORDERS, BIG_ORDERS);
    assertThat(directory.subscribers(routed(placed(50)))).containsExactly(ORDERS);
  }

  @Test
  void autoDisabledPluginGetsNoNewDeliveries() {
    directory.targetDisabled(BIG_ORDERS, "failing since yesterday");

    assertThat(directory.subscribers(routed(placed(250)))).containsExactly(ORDERS);
  }

  @Test
  void describedAndRetiredSubscriptionsTakeEffectAtOnce() {
    directory.described(
        "orders",
        SubscriptionNarrowing.narrow(
                directory.find("orders").orElseThrow().manifest().subscriptions(),
                List.of(Subscription.newBuilder().addEventTypes("order.cancelled").build()))
            .effective(),
        Duration.ofSeconds(5),
        4);
    directory.retire("big-orders");

    assertThat(directory.subscribers(routed(placed(250)))).isEmpty();
    assertThat(directory.subscribers(routed(events.json("order.cancelled", "acme", "{}"))))
        .containsExactly(ORDERS);
  }

  @Test
  void selectionGivesTheTransformOfTheFirstSelectingSubscription() {
    assertThat(directory.select("orders", placed(250)).transform())
        .get()
        .hasToString("{total: payload.total}");
    assertThat(directory.select("orders", events.json("order.cancelled", "acme", "{}")).transform())
        .isEmpty();
  }

  @Test
  void pluginWithoutTransformsIsSentTheEnvelopeWithoutRenderingIt() {
    var selection = directory.select("big-orders", placed(250));

    assertThat(selection.transform()).isEmpty();
    assertThat(selection.document()).as("no document rendered").isEmpty();
  }
}
