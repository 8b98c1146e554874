package dev.herald.core.webhook;

import static dev.herald.core.testing.Endpoints.endpoint;
import static dev.herald.core.testing.Endpoints.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.testing.Endpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every webhook endpoint store does, whatever its database; one subclass per database. */
abstract class WebhookEndpointStoreContract extends WebhookStoreFixture {

  @Test
  void aRateLimitIsStoredByInsertAndByTheConfigSyncAndRemovedByUpdate() {
    WebhookEndpoint limited =
        api(endpoint("limited", "https://l.example", "*"))
            .withRateLimit(Optional.of(Rate.parse("3000/min")));
    write(tx -> store.insert(tx, limited, NOW));
    sync(
        endpoint("configured", "https://c.example", "*")
            .withRateLimit(Optional.of(Rate.parse("2/h"))));

    assertThat(stored("limited").rateLimit()).contains(Rate.parse("3000/min"));
    assertThat(stored("configured").rateLimit()).contains(Rate.parse("2/h"));

    update(limited.withRateLimit(Optional.empty()));
    sync(endpoint("configured", "https://c.example", "*"));

    assertThat(stored("limited").rateLimit()).isEmpty();
    assertThat(stored("configured").rateLimit()).isEmpty();
  }

  @Test
  void anOrderingIsStoredByInsertUpdateAndTheConfigSyncAndRemovedByEither() {
    Ordering byAccount = new Ordering(OrderKey.parse("payload.account_id"), DeadHeadPolicy.SKIP);
    WebhookEndpoint ordered =
        api(endpoint("ordered", "https://o.example", "*")).withOrdering(Optional.of(byAccount));
    write(tx -> store.insert(tx, ordered, NOW));
    sync(
        endpoint("configured", "https://c.example", "*")
            .withOrdering(Optional.of(Ordering.bySubject())));

    assertThat(stored("ordered").ordering()).contains(byAccount);
    assertThat(stored("configured").ordering()).contains(Ordering.bySubject());

    Ordering bySubjectSkipping = new Ordering(OrderKey.subject(), DeadHeadPolicy.SKIP);
    Ordering byId = new Ordering(OrderKey.parse("payload.id"), DeadHeadPolicy.SKIP);
    update(ordered.withOrdering(Optional.of(bySubjectSkipping)));
    sync(endpoint("configured", "https://c.example", "*").withOrdering(Optional.of(byId)));

    assertThat(stored("ordered").ordering()).contains(bySubjectSkipping);
    assertThat(stored("configured").ordering()).contains(byId);

    update(ordered.withOrdering(Optional.empty()));
    sync(endpoint("configured", "https://c.example", "*"));

    assertThat(stored("ordered").ordering()).isEmpty();
    assertThat(stored("configured").ordering()).isEmpty();
  }

  @Test
  void insertStoresTheEndpointWithItsSubscriptionsAndRefusesATakenId() {
    WebhookEndpoint crm = api(endpoint("crm", "https://crm.example/hooks", "user.*", "group.*"));

    assertThat(changed(tx -> store.insert(tx, crm, NOW))).isTrue();
    assertThat(changed(tx -> store.insert(tx, crm, NOW))).isFalse();

    WebhookEndpoint read = stored("crm");
    assertThat(read.url()).isEqualTo("https://crm.example/hooks");
    assertThat(read.source()).isEqualTo(WebhookEndpoint.Source.API);
    assertThat(read.subscriptions())
        .extracting(s -> s.pattern().text())
        .containsExactly("user.*", "group.*");
  }

  @Test
  void syncInsertsUpdatesAndDisablesWhatTheFileNoLongerDeclares() {
    sync(endpoint("a", "https://a.example", "*"), endpoint("b", "https://b.example", "*"));

    sync(endpoint("a", "https://a2.example", "user.*"));

    assertThat(stored("a").url()).isEqualTo("https://a2.example");
    assertThat(stored("a").subscriptions())
        .extracting(s -> s.pattern().text())
        .containsExactly("user.*");
    assertThat(stored("b").status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(stored("b").statusReason()).contains("removed from the configuration");
  }

  @Test
  void syncKeepsAnAutoDisabledEndpointDisabledWithItsReason() {
    String reason =
        TargetHealth.AUTO_DISABLED_REASON_PREFIX + "only failures since 2026-01-01T00:00:00Z";
    sync(endpoint("failing", "https://f.example", "*"));
    write(
        tx -> {
          store.setStatus(tx, "failing", EndpointStatus.DISABLED, reason, NOW);
          return null;
        });

    sync(endpoint("failing", "https://f.example", "*"));

    assertThat(stored("failing").status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(stored("failing").statusReason()).contains(reason);
  }

  @Test
  void syncKeepsAnOperatorsPauseAndAGoneEndpointDisabled() {
    sync(endpoint("paused", "https://p.example", "*"), endpoint("gone", "https://g.example", "*"));
    write(
        tx -> {
          store.setStatus(tx, "paused", EndpointStatus.PAUSED, "maintenance", NOW);
          store.setStatus(
              tx,
              "gone",
              EndpointStatus.DISABLED,
              JooqWebhookEndpointStore.GONE_REASON_PREFIX + "HTTP 410",
              NOW);
          return null;
        });

    sync(endpoint("paused", "https://p.example", "*"), endpoint("gone", "https://g.example", "*"));

    assertThat(stored("paused").status()).isEqualTo(EndpointStatus.PAUSED);
    assertThat(stored("gone").status()).isEqualTo(EndpointStatus.DISABLED);
    sync(withStatus(endpoint("paused", "https://p.example", "*"), EndpointStatus.DISABLED));
    assertThat(stored("paused").status()).isEqualTo(EndpointStatus.DISABLED);
  }

  @Test
  void syncLeavesAnApiEndpointWithTheSameIdAlone() {
    write(tx -> store.insert(tx, api(endpoint("x", "https://api.example", "*")), NOW));

    sync(endpoint("x", "https://file.example", "*"));

    assertThat(stored("x").url()).isEqualTo("https://api.example");
    assertThat(stored("x").source()).isEqualTo(WebhookEndpoint.Source.API);
  }

  @Test
  void updateRotateAndDeleteChangeOnlyTheirEndpoint() {
    write(tx -> store.insert(tx, api(endpoint("a", "https://a.example", "*")), NOW));
    write(tx -> store.insert(tx, api(endpoint("b", "https://b.example", "*")), NOW));
    WebhookSecret next = WebhookSecret.parse("whsec_" + "A".repeat(32));
    Instant expires = NOW.plus(Duration.ofHours(1));

    WebhookEndpoint changedA =
        new WebhookEndpoint(
                "a",
                "",
                "https://a2.example",
                Endpoints.SECRET,
                EndpointStatus.ACTIVE,
                Duration.ofSeconds(3),
                2,
                List.of(),
                WebhookEndpoint.Source.API)
            .withRateLimit(Optional.of(Rate.parse("50/s")));

    write(
        tx -> {
          store.update(tx, changedA, NOW);
          store.rotateSecret(
              tx, "a", next, Optional.of(new PreviousSecret(Endpoints.SECRET, expires)), NOW);
          return null;
        });

    WebhookEndpoint a = stored("a");
    assertThat(a.url()).isEqualTo("https://a2.example");
    assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(a.maxInFlight()).isEqualTo(2);
    assertThat(a.rateLimit()).contains(Rate.parse("50/s"));
    assertThat(a.subscriptions()).as("update leaves subscriptions alone").hasSize(1);
    assertThat(a.secret().encoded()).isEqualTo(next.encoded());
    assertThat(a.previousSecret()).contains(new PreviousSecret(Endpoints.SECRET, expires));
    assertThat(stored("b").url()).isEqualTo("https://b.example");

    assertThat(changed(tx -> store.delete(tx, "a"))).isTrue();
    assertThat(changed(tx -> store.delete(tx, "a"))).isFalse();
    assertThat(database.read(store::all)).extracting(WebhookEndpoint::id).containsExactly("b");
  }

  @Test
  void aBodyFormatIsStoredByInsertUpdateAndTheConfigSync() {
    WebhookEndpoint binary =
        api(endpoint("binary", "https://b.example", "*"))
            .withBodyFormat(WebhookBodyFormat.CLOUDEVENTS_BINARY);
    write(tx -> store.insert(tx, binary, NOW));
    write(tx -> store.insert(tx, api(endpoint("plain", "https://p.example", "*")), NOW));
    sync(
        endpoint("configured", "https://c.example", "*")
            .withBodyFormat(WebhookBodyFormat.CLOUDEVENTS_STRUCTURED));

    assertThat(stored("binary").bodyFormat()).isEqualTo(WebhookBodyFormat.CLOUDEVENTS_BINARY);
    assertThat(stored("plain").bodyFormat()).isEqualTo(WebhookBodyFormat.HERALD);
    assertThat(stored("configured").bodyFormat())
        .isEqualTo(WebhookBodyFormat.CLOUDEVENTS_STRUCTURED);

    update(binary.withBodyFormat(WebhookBodyFormat.HERALD));
    sync(endpoint("configured", "https://c.example", "*"));

    assertThat(stored("binary").bodyFormat()).isEqualTo(WebhookBodyFormat.HERALD);
    assertThat(stored("configured").bodyFormat()).isEqualTo(WebhookBodyFormat.HERALD);
  }

  @Test
  void staticHeadersRoundTripInTheirOrderAndAreReplacedOrCleared() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Tenant", "acme");
    headers.put("Authorization", "Bearer \"quoted\" \\ t0ken");
    headers.put("A-Last", "1");
    write(
        tx ->
            store.insert(
                tx, api(endpoint("a", "https://a.example", "*")).withHeaders(headers), NOW));
    write(tx -> store.insert(tx, api(endpoint("b", "https://b.example", "*")), NOW));

    assertThat(stored("a").headers()).containsExactlyEntriesOf(headers);
    assertThat(stored("b").headers()).isEmpty();

    write(
        tx -> {
          store.setHeaders(tx, "a", Map.of("X-Other", "2"), NOW);
          return null;
        });
    assertThat(stored("a").headers()).containsExactlyEntriesOf(Map.of("X-Other", "2"));

    write(
        tx -> {
          store.setHeaders(tx, "a", Map.of(), NOW);
          return null;
        });
    assertThat(stored("a").headers()).isEmpty();
    assertThat(stored("b").headers()).isEmpty();
  }

  @Test
  void syncStoresAndChangesTheHeadersTheFileDeclares() {
    sync(endpoint("a", "https://a.example", "*").withHeaders(Map.of("X-Tenant", "acme")));
    assertThat(stored("a").headers()).containsExactlyEntriesOf(Map.of("X-Tenant", "acme"));

    sync(endpoint("a", "https://a.example", "*").withHeaders(Map.of("X-Tenant", "globex")));
    assertThat(stored("a").headers()).containsExactlyEntriesOf(Map.of("X-Tenant", "globex"));

    sync(endpoint("a", "https://a.example", "*"));
    assertThat(stored("a").headers()).isEmpty();
  }

  @Test
  void subscriptionsAreAddedOnceAndRemovedById() {
    write(tx -> store.insert(tx, api(endpoint("a", "https://a.example")), NOW));
    WebhookSubscription users =
        new WebhookSubscription(EventTypePattern.parse("user.*"), Optional.of("acme"));

    Optional<StoredSubscription> added = write(tx -> store.addSubscription(tx, "a", users, NOW));
    Optional<StoredSubscription> again = write(tx -> store.addSubscription(tx, "a", users, NOW));

    assertThat(added).isPresent();
    assertThat(again).isEmpty();
    List<StoredSubscription> subscriptions = database.read(ctx -> store.subscriptions(ctx, "a"));
    assertThat(subscriptions).extracting(StoredSubscription::id).containsExactly(added.get().id());
    assertThat(changed(tx -> store.removeSubscription(tx, "b", added.get().id()))).isFalse();
    assertThat(changed(tx -> store.removeSubscription(tx, "a", added.get().id()))).isTrue();
    List<StoredSubscription> left = database.read(ctx -> store.subscriptions(ctx, "a"));
    assertThat(left).isEmpty();
  }

  @Test
  void contentRulesRoundTripAndTheSameTypeMayBeSubscribedUnderDifferentRules() {
    write(tx -> store.insert(tx, api(endpoint("a", "https://a.example")), NOW));
    WebhookSubscription big =
        new WebhookSubscription(
            EventTypePattern.parse("order.*"),
            Optional.empty(),
            Optional.of(
                ContentPattern.parse("{\"payload\": {\"total\": [{\"numeric\": [\">\", 100]}]}}")),
            Optional.of(BodyTransform.parse("{id: event_id, total: payload.total}")));
    WebhookSubscription eu =
        new WebhookSubscription(
            EventTypePattern.parse("order.*"),
            Optional.empty(),
            Optional.of(ContentPattern.parse("{\"payload\": {\"region\": [\"eu\"]}}")),
            Optional.empty());
    WebhookSubscription plain =
        new WebhookSubscription(EventTypePattern.parse("order.*"), Optional.empty());

    Optional<StoredSubscription> first = write(tx -> store.addSubscription(tx, "a", big, NOW));
    Optional<StoredSubscription> second = write(tx -> store.addSubscription(tx, "a", eu, NOW));
    Optional<StoredSubscription> third = write(tx -> store.addSubscription(tx, "a", plain, NOW));
    Optional<StoredSubscription> again = write(tx -> store.addSubscription(tx, "a", big, NOW));

    assertThat(List.of(first, second, third)).allMatch(Optional::isPresent);
    assertThat(again).isEmpty();
    List<StoredSubscription> read = database.read(ctx -> store.subscriptions(ctx, "a"));
    assertThat(read).extracting(StoredSubscription::subscription).containsExactly(big, eu, plain);
    assertThat(stored("a").subscriptions()).containsExactly(big, eu, plain);
    assertThat(stored("a").subscriptions().get(0).contentPattern().orElseThrow().json())
        .isEqualTo("{\"payload\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
    assertThat(stored("a").subscriptions().get(0).transform().orElseThrow().expression())
        .isEqualTo("{id: event_id, total: payload.total}");
  }

  @Test
  void setRulesChangesOnlyTheNamedSubscriptionOfItsEndpoint() {
    write(tx -> store.insert(tx, api(endpoint("a", "https://a.example", "order.*")), NOW));
    long id = database.read(ctx -> store.subscriptions(ctx, "a")).get(0).id();
    WebhookSubscription ruled =
        new WebhookSubscription(
            EventTypePattern.parse("order.*"),
            Optional.empty(),
            Optional.of(ContentPattern.parse("{\"payload\": {\"region\": [\"eu\"]}}")),
            Optional.of(BodyTransform.parse("payload")));

    assertThat(changed(tx -> store.setRules(tx, "b", id, ruled))).isFalse();
    assertThat(changed(tx -> store.setRules(tx, "a", id, ruled))).isTrue();
    assertThat(stored("a").subscriptions()).containsExactly(ruled);

    WebhookSubscription plain =
        new WebhookSubscription(EventTypePattern.parse("order.*"), Optional.empty());
    assertThat(changed(tx -> store.setRules(tx, "a", id, plain))).isTrue();
    assertThat(stored("a").subscriptions()).containsExactly(plain);
  }

  @Test
  void syncStoresTheContentRulesTheFileDeclares() {
    WebhookEndpoint declared = endpoint("c", "https://c.example");
    WebhookSubscription ruled =
        new WebhookSubscription(
            EventTypePattern.parse("push"),
            Optional.empty(),
            Optional.of(
                ContentPattern.parse("{\"payload\": {\"ref\": [{\"prefix\": \"refs/heads/\"}]}}")),
            Optional.of(BodyTransform.parse("payload.ref")));
    sync(Endpoints.withSubscriptions(declared, ruled));
    assertThat(stored("c").subscriptions()).containsExactly(ruled);

    sync(Endpoints.withSubscriptions(declared));
    assertThat(stored("c").subscriptions()).isEmpty();
  }
}
