package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetActivity over REST: attempts per bucket and per target, dead letters, the backlog now and
 * sampled, realm scoping and the window's bounds; one subclass per database.
 */
abstract class ActivityContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TWO_HOURS = "/api/v1/activity?window=7200s&bucket=3600s";

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private ApiClients api;

  ActivityContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    receiver =
        WebhookReceiver.start(
            List.of(SECRET),
            clock,
            (path, id, attempt) ->
                path.equals("/bad") ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            "delivery:\n  poll_interval: 100ms\n  retry:\n    schedule: [1h]\n    jitter: 0\n",
            clock);
    api = new ApiClients(herald.apiUrl());
    create("crm", "acme");
    create("bad", "beta");
  }

  private void create(String id, String realm) {
    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "%s", "realm_id": "%s", "url": "%s", "secret": "%s", "event_types": ["user.*"]}
            """
                .formatted(id, realm, receiver.url("/" + id), SECRET));
    assertThat(created.status()).isEqualTo(200);
  }

  @Test
  void countsAttemptsPerBucketAndTargetAndTheBacklogInTheCallersRealms() {
    herald.publishUsersCreated("acme", 3);
    herald.publishUsersCreated("beta", 1);
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").size() == 3);
    await().atMost(WAIT).until(() -> herald.logs().size() == 4);
    clock.advance(Duration.ofHours(1)); // the failed one's retry falls due, fails, dead-letters
    await().atMost(WAIT).until(() -> herald.logs().size() == 5);
    assertThat(api.post(ADMIN, "/api/v1/webhooks/crm:pause", "{}").status()).isEqualTo(200);
    herald.publishUsersCreated("acme", 1); // held while paused: waiting now
    await().atMost(WAIT).until(() -> herald.statuses().size() == 5);

    JsonNode all = api.get(ADMIN, TWO_HOURS + "&all_realms=true").body();
    assertThat(all.get("buckets")).hasSize(2);
    assertThat(counts(all)).containsExactly("3/1/0", "0/1/1");
    assertThat(targets(all)).containsExactly("webhook bad 0/2", "webhook crm 3/0");
    assertThat(all.get("backlog").asInt()).isEqualTo(1);
    Instant to = Instant.parse(all.get("to").asText());
    assertThat(to).as("the end of the current hour").isAfter(clock.instant());
    assertThat(to.toEpochMilli() % Duration.ofHours(1).toMillis()).isZero();
    assertThat(Instant.parse(all.get("from").asText())).isEqualTo(to.minus(Duration.ofHours(2)));

    Reply acme = api.get(ACME_ADMIN, TWO_HOURS + "&realm_id=acme");
    assertThat(acme.status()).isEqualTo(200);
    assertThat(counts(acme.body())).containsExactly("3/0/0", "0/0/0");
    assertThat(targets(acme.body())).containsExactly("webhook crm 3/0");
    assertThat(acme.body().get("backlog").asInt()).isEqualTo(1);
    assertThat(api.get(ACME_ADMIN, TWO_HOURS + "&realm_id=beta").status()).isEqualTo(403);
    Reply acmeAll = api.get(ACME_ADMIN, TWO_HOURS + "&all_realms=true");
    assertThat(counts(acmeAll.body()))
        .as("never another realm's rows")
        .containsExactly("3/0/0", "0/0/0");
  }

  @Test
  void bucketsHoldTheBacklogSampledWhenHeraldStarted() {
    // The sampler samples once at start: an empty backlog is a sample too.
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.get(ACME_ADMIN, "/api/v1/activity?realm_id=acme")
                    .body()
                    .get("buckets")
                    .get(59)
                    .path("has_backlog")
                    .asBoolean());
    JsonNode hour = api.get(ACME_ADMIN, "/api/v1/activity?realm_id=acme").body();
    assertThat(hour.get("buckets")).as("1h of 1m buckets by default").hasSize(60);
    assertThat(hour.get("buckets").get(59).path("backlog").asInt()).isZero();
    assertThat(hour.get("buckets").get(0).path("has_backlog").asBoolean()).isFalse();
  }

  @Test
  void refusesAWindowOrBucketOutOfBoundsNamingTheField() {
    Reply shortWindow = api.get(ADMIN, "/api/v1/activity?window=30s");
    assertThat(shortWindow.status()).isEqualTo(400);
    assertThat(shortWindow.body().toString()).contains("window").contains("1m..24h");
    Reply narrow = api.get(ADMIN, "/api/v1/activity?window=3600s&bucket=5s");
    assertThat(narrow.status()).isEqualTo(400);
    assertThat(narrow.body().toString()).contains("bucket");
    Reply tooMany = api.get(ADMIN, "/api/v1/activity?window=86400s&bucket=10s");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body().toString()).contains("bucket").contains("8640 buckets");
  }

  /** Returns each bucket as succeeded/failed/dead_lettered. */
  private static List<String> counts(JsonNode activity) {
    List<String> counts = new ArrayList<>();
    activity
        .get("buckets")
        .forEach(
            b ->
                counts.add(
                    b.path("succeeded").asInt()
                        + "/"
                        + b.path("failed").asInt()
                        + "/"
                        + b.path("dead_lettered").asInt()));
    return counts;
  }

  /** Returns each target as "webhook id succeeded/failed". */
  private static List<String> targets(JsonNode activity) {
    List<String> targets = new ArrayList<>();
    activity
        .path("targets")
        .forEach(
            t ->
                targets.add(
                    "webhook "
                        + t.path("webhook_id").asText()
                        + " "
                        + t.path("succeeded").asInt()
                        + "/"
                        + t.path("failed").asInt()));
    return targets;
  }
}
