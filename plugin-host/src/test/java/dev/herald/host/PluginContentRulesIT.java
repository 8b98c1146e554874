package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.rule.JsonTrees;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.host.ApiClients.Reply;
import dev.herald.host.plugin.PluginState;
import dev.herald.proto.admin.v1.GetPluginRequest;
import dev.herald.proto.admin.v1.Plugin;
import dev.herald.proto.admin.v1.PluginAdminServiceGrpc.PluginAdminServiceBlockingStub;
import dev.herald.proto.admin.v1.PluginSubscription;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote plugin behind a real gRPC server with content patterns and transforms in its manifest:
 * the pattern decides which events reach it, the transform what payload it receives.
 */
class PluginContentRulesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private ScriptedPluginServer plugin;

  @BeforeEach
  void start() throws Exception {
    plugin =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder().setPluginId("orders").setProtocolVersion(1).build(),
            request -> DeliverResponse.newBuilder().setOutcome(Outcome.ACK).build());
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve("orders.plugin.yaml"),
        """
        id: orders
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [order.placed]
            content_pattern:
              payload:
                total: [{numeric: [">", 100]}]
            transform: "{order: payload.order_id, total: payload.total, realm: realm_id}"
          - event_types: [order.cancelled]
            content_pattern: '{"payload": {"reason": [{"prefix": "fraud"}]}}'
            transform: abs(payload.reason)
        """
            .formatted(plugin.port()));
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            plugins:
              directory: %s
              health_interval: 100ms
            """
                .formatted(plugins),
            Clock.systemUTC());
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("orders").orElseThrow().state()
                    == PluginState.SERVING);
  }

  @Test
  void patternSelectsTheEventsAndTransformShapesTheirPayload() {
    EventEnvelope big = herald.publish("order.placed", "acme", order("o-1", 250));
    EventEnvelope small = herald.publish("order.placed", "acme", order("o-2", 50));
    EventEnvelope changedMind =
        herald.publish("order.cancelled", "acme", "{\"reason\": \"customer\"}");
    // Published last: once it has a delivery, the router has passed every event before it.
    EventEnvelope fraud =
        herald.publish("order.cancelled", "acme", "{\"reason\": \"fraud-suspected\"}");

    await()
        .atMost(WAIT)
        .until(
            () -> {
              Map<String, String> status = herald.statusByEventId();
              return "succeeded".equals(status.get(big.getEventId()))
                  && "dead".equals(status.get(fraud.getEventId()));
            });

    // The events the patterns turn away get no delivery at all.
    assertThat(herald.statusByEventId())
        .containsOnlyKeys(big.getEventId(), fraud.getEventId())
        .doesNotContainKeys(small.getEventId(), changedMind.getEventId());
    DeliverRequest received = plugin.received().getFirst();
    assertThat(plugin.received()).hasSize(1);
    assertThat(received.getEnvelope().getJsonPayload())
        .isEqualTo("{\"order\":\"o-1\",\"total\":250,\"realm\":\"acme\"}");
    assertThat(received.getEnvelope().toBuilder().clearPayload().build())
        .isEqualTo(big.toBuilder().clearPayload().build());
    DeliveryLogsRecord failed = herald.logsOf(fraud).getFirst();
    assertThat(failed.getOutcome()).isEqualTo("dead");
    assertThat(failed.getErrorClass()).isEqualTo("transform_failed");
    assertThat(failed.getErrorMessage())
        .startsWith("transform abs(payload.reason) failed on this event");
  }

  @Test
  void adminApiShowsEachSubscriptionsRules() {
    PluginAdminServiceBlockingStub admin =
        new ApiClients(herald.apiUrl()).grpc(PluginAdminServiceBlockingStub.class, ADMIN);

    Plugin shown = admin.getPlugin(GetPluginRequest.newBuilder().setId("orders").build());

    assertThat(shown.getSubscriptionsList())
        .containsExactly(
            PluginSubscription.newBuilder()
                .addEventTypes("order.placed")
                .setContentPattern("{\"payload\":{\"total\":[{\"numeric\":[\">\",100]}]}}")
                .setTransform("{order: payload.order_id, total: payload.total, realm: realm_id}")
                .build(),
            PluginSubscription.newBuilder()
                .addEventTypes("order.cancelled")
                .setContentPattern("{\"payload\":{\"reason\":[{\"prefix\":\"fraud\"}]}}")
                .setTransform("abs(payload.reason)")
                .build());
  }

  @Test
  void previewShowsWhatThePluginWouldReceive() {
    EventEnvelope big = herald.publish("order.placed", "acme", order("o-1", 250));
    EventEnvelope small = herald.publish("order.placed", "acme", order("o-2", 50));
    EventEnvelope fraud =
        herald.publish("order.cancelled", "acme", "{\"reason\": \"fraud-suspected\"}");
    ApiClients api = new ApiClients(herald.apiUrl());

    Reply shaped = api.get(ADMIN, "/api/v1/plugins/orders/preview?event_id=" + big.getEventId());
    assertThat(shaped.status()).as(shaped.body().toString()).isEqualTo(200);
    assertThat(shaped.body().get("selected").asBoolean()).isTrue();
    assertThat(shaped.body().get("transformed").asBoolean()).isTrue();
    assertThat(shaped.body().get("subscription").get("event_types").get(0).asText())
        .isEqualTo("order.placed");
    assertThat(JsonTrees.parse(shaped.body().get("envelope").asText()).get("payload"))
        .isEqualTo(JsonTrees.parse("{\"order\":\"o-1\",\"total\":250,\"realm\":\"acme\"}"));

    Reply unwanted =
        api.get(ADMIN, "/api/v1/plugins/orders/preview?event_id=" + small.getEventId());
    assertThat(unwanted.body().path("selected").asBoolean()).isFalse();
    assertThat(unwanted.body().path("envelope").asText()).isEmpty();
    assertThat(
            JsonTrees.parse(unwanted.body().get("document").asText())
                .get("payload")
                .get("total")
                .asInt())
        .isEqualTo(50);

    Reply failing = api.get(ADMIN, "/api/v1/plugins/orders/preview?event_id=" + fraud.getEventId());
    assertThat(failing.body().get("transform_error").asText())
        .startsWith("transform abs(payload.reason) failed on this event");
  }

  private static String order(String id, int total) {
    return "{\"order_id\": \"%s\", \"total\": %d}".formatted(id, total);
  }
}
