package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.testing.Endpoints.endpoint;
import static dev.herald.core.testing.Endpoints.matching;
import static dev.herald.core.testing.Endpoints.withSubscriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestPipeline;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content patterns at routing: deliveries are created only for the targets whose patterns the event
 * matches, once per target however many of its subscriptions match, and not at all for an event no
 * rule wants.
 */
class RouterContentRulesTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BIG = "{\"payload\": {\"total\": [{\"numeric\": [\">\", 100]}]}}";
  private static final String EU = "{\"payload\": {\"region\": [\"eu\"]}}";

  @TempDir Path folder;
  private TestPipeline pipeline;
  private ScriptedDispatcher dispatcher;

  @BeforeEach
  void start() {
    dispatcher = new ScriptedDispatcher("webhook", a -> DeliveryResult.delivered());
    pipeline =
        TestPipeline.start(
            folder,
            List.of(
                withSubscriptions(
                    endpoint("big", "http://127.0.0.1:1/big"), matching("order.*", BIG)),
                withSubscriptions(endpoint("eu", "http://127.0.0.1:1/eu"), matching("order.*", EU)),
                withSubscriptions(
                    endpoint("both", "http://127.0.0.1:1/both"),
                    matching("order.created", EU),
                    matching("order.*", BIG)),
                endpoint("invoices", "http://127.0.0.1:1/invoices", "invoice.*")),
            w -> dispatcher,
            TestPipeline.FAST_RETRIES);
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void onlyTheTargetsWhoseRulesMatchGetADeliveryEachOnce() {
    EventEnvelope bigEu = publish("order.created", "{\"total\": 500, \"region\": \"eu\"}");
    EventEnvelope unwanted = publish("order.created", "{\"total\": 5, \"region\": \"us\"}");
    EventEnvelope bigUs = publish("order.updated", "{\"total\": 150, \"region\": \"us\"}");
    EventEnvelope notANumber =
        publish("order.created", "{\"total\": \"lots\", \"region\": \"EU\"}");
    // Routed in order: once the last event has its delivery, every earlier one was routed.
    EventEnvelope invoice = publish("invoice.paid", "{\"total\": 500, \"region\": \"eu\"}");

    await().atMost(WAIT).until(() -> deliveries().contains(invoice.getEventId() + "->invoices"));

    assertThat(deliveries())
        .containsExactlyInAnyOrder(
            bigEu.getEventId() + "->big",
            bigEu.getEventId() + "->eu",
            bigEu.getEventId() + "->both",
            bigUs.getEventId() + "->big",
            bigUs.getEventId() + "->both",
            invoice.getEventId() + "->invoices");
    assertThat(deliveries())
        .noneMatch(
            d -> d.startsWith(unwanted.getEventId()) || d.startsWith(notANumber.getEventId()));
    await().atMost(WAIT).until(() -> dispatcher.attempts().size() == 6);
  }

  private EventEnvelope publish(String type, String json) {
    EventEnvelope event = pipeline.events.json(type, "", json);
    pipeline.engine.bus().publish(event).join();
    return event;
  }

  private List<String> deliveries() {
    return pipeline.database.read(
        ctx ->
            ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.TARGET)
                .from(DELIVERIES)
                .orderBy(DELIVERIES.ID)
                .fetch(r -> r.value1() + "->" + r.value2().substring("webhook:".length())));
  }
}
