package dev.herald.bench;

import com.linecorp.armeria.client.ClientFactory;
import dev.herald.core.HeraldEngine;
import dev.herald.core.Stores;
import dev.herald.core.bus.EventBus;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.envelope.EnvelopeLimits;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.RouterSettings;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.secret.MasterKey;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.core.webhook.WebhookSubscription;
import dev.herald.dispatch.http.HttpDispatchSettings;
import dev.herald.dispatch.http.HttpWebhookDispatcher;
import dev.herald.dispatch.http.WebhookClientFactory;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Ordered delivery per key against the same delivery unordered: webhook delivery end to end (as in
 * {@link WebhookDelivery}) of events spread over 1,000 subjects, once with the endpoint ordered by
 * subject and once without, in paired trials. Herald is wired from core here (the engine, the
 * webhook directory and the HTTP dispatcher, as the host wires them) because the host's
 * configuration cannot order a webhook yet; both sides run the same wiring. The receiver notes
 * every arrival, so each ordered trial also checks that no subject's events arrived out of order.
 */
final class OrderedDelivery implements Scenario {

  private static final int EVENTS = 20_000;
  private static final int KEYS = 1_000;
  private static final int WARMUP_ROUNDS = 1;
  private static final int TRIALS = 3;

  @Override
  public String name() {
    return "ordered";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    double[] ordered = new double[TRIALS];
    double[] unordered = new double[TRIALS];
    List<Long> duplicates = new ArrayList<>();
    List<Integer> outOfOrder = new ArrayList<>();
    for (int trial = -WARMUP_ROUNDS; trial < TRIALS; trial++) { // negative trials warm up
      double plain = trial(bench, Optional.empty(), duplicates, outOfOrder);
      double keyed = trial(bench, Optional.of(Ordering.bySubject()), duplicates, outOfOrder);
      if (trial >= 0) {
        unordered[trial] = plain;
        ordered[trial] = keyed;
      }
    }
    Result result =
        Result.ratio(
            "ordered_delivery",
            "Ordered webhook delivery, 1,000 subject keys, against the same delivery unordered, 1 KB",
            Samples.median(ordered),
            "deliveries/s",
            Samples.median(unordered),
            "the same endpoint, events and wiring without ordering, max_in_flight "
                + BenchServer.ENDPOINT_MAX_IN_FLIGHT,
            Target.atLeast(0.5));
    List<String> notes =
        List.of(
            "ordered: %d events per trial over %d subjects (random, seeded), %d trials after %d warm-up round; one endpoint, max_in_flight %d; core wiring (HeraldEngine, WebhookDirectory, HttpWebhookDispatcher) on a fresh SQLite file each"
                .formatted(EVENTS, KEYS, TRIALS, WARMUP_ROUNDS, BenchServer.ENDPOINT_MAX_IN_FLIGHT),
            "ordered: trials (per second) ordered "
                + Samples.list(ordered, "%.0f")
                + "; unordered "
                + Samples.list(unordered, "%.0f")
                + "; duplicate deliveries seen by the receiver: "
                + duplicates
                + "; subjects whose events arrived out of order (ordered trials): "
                + outOfOrder);
    return new Findings(List.of(result), notes);
  }

  /** Delivers the events once through a fresh engine; returns deliveries/s. */
  private static double trial(
      Bench bench, Optional<Ordering> ordering, List<Long> duplicates, List<Integer> outOfOrder)
      throws Exception {
    Receiver receiver = bench.receiver();
    List<EventEnvelope> events = events();
    Path folder = bench.folder("ordered");
    receiver.reset(true);
    try (SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"));
        ClientFactory clients =
            WebhookClientFactory.builder(AddressPolicy.allowing(List.of("127.0.0.1"))).build()) {
      SecureRandom random = new SecureRandom();
      Stores stores =
          Stores.of(
              database,
              new SecretKeyring(
                  MasterKey.generate(random, "bench"),
                  database.dialect(),
                  random,
                  Clock.systemUTC()));
      EnvelopeJson json = EnvelopeJson.withoutTypedPayloads();
      WebhookDirectory webhooks =
          new WebhookDirectory(
              database, stores.webhooks(), Clock.systemUTC(), new EventDocuments(json));
      webhooks.syncConfigured(List.of(endpoint(receiver.url())));
      HttpWebhookDispatcher dispatcher =
          new HttpWebhookDispatcher(
              webhooks::find,
              Clock.systemUTC(),
              WebhookBodies.selectedBy(webhooks::select, json),
              clients,
              HttpDispatchSettings.ofDefaults());
      HeraldEngine engine =
          HeraldEngine.builder(database, stores)
              .routerSettings(RouterSettings.ofDefaults())
              .busCapacity(EVENTS)
              .validator(
                  new EnvelopeValidator(Clock.systemUTC(), EnvelopeLimits.ofDefaults())::validate)
              .targets(new OrderedWebhooks(webhooks, ordering, new EventDocuments(json)))
              .dispatcher(dispatcher)
              .build()
              .start();
      try {
        EventBus bus = engine.bus();
        long start = System.nanoTime();
        for (EventEnvelope event : events) {
          bus.publish(event);
        }
        receiver.awaitAnswered(EVENTS, Duration.ofMinutes(3));
        BenchServer.awaitSucceeded(database, EVENTS, Duration.ofMinutes(1));
        double perSecond = EVENTS * 1e9 / (System.nanoTime() - start);
        duplicates.add(receiver.answered() - EVENTS);
        if (ordering.isPresent()) {
          outOfOrder.add(subjectsOutOfOrder(events, receiver.arrivals()));
        }
        return perSecond;
      } finally {
        engine.close();
      }
    } finally {
      receiver.reset(false);
      Bench.deleteTree(folder);
    }
  }

  private static WebhookEndpoint endpoint(String url) {
    return new WebhookEndpoint(
        "bench",
        "",
        url,
        WebhookSecret.parse(BenchServer.SECRET),
        EndpointStatus.ACTIVE,
        Duration.ofSeconds(10),
        BenchServer.ENDPOINT_MAX_IN_FLIGHT,
        List.of(new WebhookSubscription(EventTypePattern.parse("*"), Optional.empty())),
        WebhookEndpoint.Source.CONFIG);
  }

  /** Returns 1 KB events, each on one of {@link #KEYS} subjects picked at random (seeded). */
  private static List<EventEnvelope> events() {
    SplittableRandom random = new SplittableRandom(15);
    List<EventEnvelope> events = new ArrayList<>(EVENTS);
    for (EventEnvelope event : new BenchEvents().next(EVENTS, BenchEvents.PAYLOAD_1KB)) {
      String id = "u%04d".formatted(random.nextInt(KEYS));
      events.add(
          event.toBuilder().setSubject(Subject.newBuilder().setType("user").setId(id)).build());
    }
    return events;
  }

  /**
   * Returns how many subjects had an event arrive before an earlier one of theirs (by first
   * arrival).
   */
  private static int subjectsOutOfOrder(List<EventEnvelope> events, Map<String, Long> arrivals) {
    Map<String, Long> lastArrival = new HashMap<>();
    Map<String, Boolean> broken = new HashMap<>();
    for (EventEnvelope event : events) {
      String subject = event.getSubject().getId();
      Long arrived = arrivals.get(event.getEventId());
      Long previous = lastArrival.put(subject, arrived);
      if (arrived == null || (previous != null && arrived <= previous)) {
        broken.put(subject, true);
      }
    }
    return broken.size();
  }
}
