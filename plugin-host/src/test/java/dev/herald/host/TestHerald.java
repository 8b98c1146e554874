package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.core.testing.TestKeys;
import dev.herald.host.config.ConfigLoader;
import dev.herald.host.config.HeraldConfig;
import dev.herald.host.config.SecretResolver;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A real {@link HeraldServer} started from YAML for one test, with the look-ups tests assert on:
 * what the user would see in {@code deliveries} and {@code delivery_logs}.
 */
final class TestHerald implements AutoCloseable {

  private final HeraldServer server;
  private final EnvelopeFactory events;

  /** The {@code secrets.key_ref} of test servers on PostgreSQL. */
  static final String KEY_REF = "herald-test-master-key";

  /** The {@code secrets} section naming the test master key. */
  static final String SECRETS_SECTION = "secrets:\n  key_ref: " + KEY_REF + "\n";

  private TestHerald(HeraldServer server, Clock clock) {
    this.server = server;
    this.events = new EnvelopeFactory(clock, new SplittableRandom(), "urn:herald:test");
  }

  /** Starts a server configured by {@code yaml}, its API on a free port of 127.0.0.1. */
  static TestHerald start(String yaml) {
    return start(yaml, Clock.systemUTC());
  }

  /**
   * Starts a server configured by {@code yaml} on {@code clock}, its API on a free port. Test
   * receivers listen on 127.0.0.1, which Herald denies by default: unless {@code yaml} has its own
   * {@code network} section, the server allows 127.0.0.1.
   */
  static TestHerald start(String yaml, Clock clock) {
    String withNetwork =
        yaml.startsWith("network:") || yaml.contains("\nnetwork:")
            ? yaml
            : "network:\n  allow: [127.0.0.1]\n" + yaml;
    HeraldConfig config = loader().parse(withNetwork, "test.yaml");
    config = config.withApi(config.api().withPort(0));
    return new TestHerald(HeraldServer.start(config, clock), clock);
  }

  /**
   * Starts a server on {@code folder}/herald.db with the API tokens of {@link ApiTokens}, then
   * {@code moreYaml}, on {@code clock}.
   */
  static TestHerald startWithApi(Path folder, String moreYaml, Clock clock) {
    return startWithApi(TestDatabase.sqlite(), folder, moreYaml, clock);
  }

  /**
   * Starts a server on {@code database} with the API tokens of {@link ApiTokens}, then {@code
   * moreYaml}, on {@code clock}.
   */
  static TestHerald startWithApi(TestDatabase database, Path folder, String moreYaml, Clock clock) {
    return start(database.yaml(folder) + ApiTokens.apiSection() + moreYaml, clock);
  }

  /** Starts a server configured by a file, which an API reload reads again. */
  static TestHerald start(Path file) {
    ConfigLoader loader = loader();
    HeraldConfig config = loader.load(Optional.of(file));
    return new TestHerald(
        HeraldServer.start(
            config.withApi(config.api().withPort(0)),
            Clock.systemUTC(),
            () -> loader.load(Optional.of(file))),
        Clock.systemUTC());
  }

  /**
   * Returns a loader that also finds the test master key under {@link #KEY_REF}, as a server finds
   * a key in its environment.
   */
  static ConfigLoader loader() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(keyEnvironment());
    return new ConfigLoader(new SecretResolver(SecretResolver.DEFAULT_SECRETS_DIR, environment));
  }

  /** Returns the environment that gives a server, in this JVM or a child, the test master key. */
  static Map<String, String> keyEnvironment() {
    return Map.of(SecretResolver.environmentName(KEY_REF), TestKeys.MASTER);
  }

  /** Returns the base URL of the API, e.g. {@code http://127.0.0.1:41234}. */
  String apiUrl() {
    return "http://127.0.0.1:" + server.apiPort();
  }

  HeraldServer server() {
    return server;
  }

  /** Publishes one JSON event, occurring now on the server's clock, once it is durable. */
  EventEnvelope publish(String type, String realm, String json) {
    return publish(type, realm, List.of(json)).get(0);
  }

  /** Publishes one JSON event per payload and waits until all of them are durable. */
  List<EventEnvelope> publish(String type, String realm, List<String> payloads) {
    List<EventEnvelope> published = new ArrayList<>();
    List<CompletableFuture<Void>> durable = new ArrayList<>();
    for (String json : payloads) {
      // A catalogue type gets its typed payload parsed from the JSON, as `herald publish` does.
      EventEnvelope event =
          HeraldServer.payloadTypes().withTypedPayload(events.json(type, realm, json));
      published.add(event);
      durable.add(server.engine().bus().publish(event));
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
    return published;
  }

  /** Publishes {@code count} {@code user.created} events in {@code realm}, users u0, u1, ... */
  List<EventEnvelope> publishUsersCreated(String realm, int count) {
    return publish(
        "user.created",
        realm,
        IntStream.range(0, count).mapToObj(i -> "{\"user_id\":\"u" + i + "\"}").toList());
  }

  /** Returns each delivery's status by event id (tests with one target per event). */
  Map<String, String> statusByEventId() {
    return server
        .database()
        .read(
            ctx ->
                ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.STATUS)
                    .from(DELIVERIES)
                    .fetchMap(DELIVERIES.EVENT_ID, DELIVERIES.STATUS));
  }

  /** Returns every delivery's status, oldest delivery first. */
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

  /** Returns every attempt log, oldest first. */
  List<DeliveryLogsRecord> logs() {
    return server
        .database()
        .read(ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  /** Returns the attempt logs of one event's deliveries, in attempt order. */
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
