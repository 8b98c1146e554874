package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.host.config.ConfigLoader;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A real {@link HeraldServer} started from YAML for the ITs: publishes durably through its bus and
 * reads its deliveries and attempt logs back from its database.
 */
final class TestHerald implements AutoCloseable {

  private final HeraldServer server;
  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(), "urn:herald:test");

  private TestHerald(HeraldServer server) {
    this.server = server;
  }

  /** Starts a server configured by {@code yaml}, as {@code herald serve} would. */
  static TestHerald start(String yaml) {
    return new TestHerald(
        HeraldServer.start(ConfigLoader.ofSystem().parse(yaml, "test.yaml"), Clock.systemUTC()));
  }

  /** Returns the running server. */
  HeraldServer server() {
    return server;
  }

  /** Publishes one event with a payload given as JSON and returns it once it is durable. */
  EventEnvelope publish(String type, String realm, String json) {
    return publish(type, realm, List.of(json)).get(0);
  }

  /** Publishes one event per payload given as JSON and returns them once all are durable. */
  List<EventEnvelope> publish(String type, String realm, List<String> jsons) {
    List<EventEnvelope> published = new ArrayList<>();
    List<CompletableFuture<Void>> durable = new ArrayList<>();
    for (String json : jsons) {
      // A catalogue type gets its typed payload parsed from the JSON, as `herald publish` does.
      EventEnvelope event =
          HeraldServer.payloadTypes().withTypedPayload(events.json(type, realm, json));
      published.add(event);
      durable.add(server.engine().bus().publish(event));
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
    return published;
  }

  /** Returns the status of every delivery, in the order they were made. */
  List<String> statuses() {
    return server
        .database()
        .read(
            ctx ->
                ctx.select(DELIVERIES.STATUS)
                    .from(DELIVERIES)
                    .orderBy(DELIVERIES.ID)
                    .fetch(DELIVERIES.STATUS));
  }

  /** Returns the status of each delivery by its event id (one target per event). */
  Map<String, String> statusByEventId() {
    return server
        .database()
        .read(
            ctx ->
                ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.STATUS)
                    .from(DELIVERIES)
                    .fetchMap(DELIVERIES.EVENT_ID, DELIVERIES.STATUS));
  }

  /** Returns every attempt log, oldest first. */
  List<DeliveryLogsRecord> logs() {
    return server
        .database()
        .read(ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  /** Returns the attempt logs of the deliveries of {@code event}, by attempt. */
  List<DeliveryLogsRecord> logsOf(EventEnvelope event) {
    return server
        .database()
        .read(
            ctx ->
                ctx.select(DELIVERY_LOGS.fields())
                    .from(DELIVERY_LOGS)
                    .join(DELIVERIES)
                    .on(DELIVERIES.ID.eq(DELIVERY_LOGS.DELIVERY_ID))
                    .where(DELIVERIES.EVENT_ID.eq(event.getEventId()))
                    .orderBy(DELIVERY_LOGS.ATTEMPT)
                    .fetchInto(DELIVERY_LOGS));
  }

  @Override
  public void close() {
    server.close();
  }
}
