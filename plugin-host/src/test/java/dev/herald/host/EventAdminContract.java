package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventService/ListEvents and CallerService/GetCaller over real REST on 127.0.0.1, beside the
 * ingest calls that share the {@code /api/v1/events} path: what a console user sees. One subclass
 * per database.
 */
abstract class EventAdminContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private ApiClients api;

  EventAdminContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
            webhooks:
              - {id: users, url: '%s', secret: %s, event_types: [user.*]}
            """
                .formatted(receiver.url("/users"), SECRET),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  /** Publishes over REST ({@code POST /api/v1/events}) and returns the new event's id. */
  private String publish(
      String token, String type, String realm, String subject, String correlation, int second) {
    Reply published =
        api.post(
            token,
            "/api/v1/events",
            """
            {"event_type": "%s", "realm_id": "%s", "json_payload": "{}",
             "subject": {"type": "%s", "id": "%s"}, "correlation_id": "%s",
             "occurred_at": "2026-06-01T00:00:%02dZ"}
            """
                .formatted(
                    type,
                    realm,
                    subject.split(":")[0],
                    subject.split(":")[1],
                    correlation,
                    second));
    assertThat(published.status()).as("%s", published.body()).isEqualTo(200);
    return published.body().get("event_id").asText();
  }

  private Reply list(String token, String query) {
    return api.get(token, "/api/v1/events?" + query);
  }

  private List<String> listed(String token, String query) {
    Reply reply = list(token, query);
    assertThat(reply.status()).as("GET /api/v1/events?%s: %s", query, reply.body()).isEqualTo(200);
    return eventIds(reply.body());
  }

  private static List<String> eventIds(JsonNode body) {
    return StreamSupport.stream(body.path("events").spliterator(), false)
        .map(e -> e.get("event_id").asText())
        .toList();
  }

  @Test
  void listsEachRealmsEventsByEveryFilterNewestFirst() {
    String a = publish(ACME_PUBLISHER, "user.created", "acme", "user:u1", "c1", 1);
    String b = publish(ACME_PUBLISHER, "user.updated", "acme", "user:u1", "c2", 2);
    String c = publish(ACME_PUBLISHER, "group.created", "acme", "group:g1", "c1", 3);
    String d = publish(ADMIN, "user.created", "globex", "user:u1", "c1", 4);

    assertThat(listed(ACME_ADMIN, "realm_id=acme")).containsExactly(c, b, a);
    assertThat(listed(ACME_ADMIN, "all_realms=true"))
        .as("a token for acme sees acme's events only")
        .containsExactly(c, b, a);
    assertThat(list(ACME_ADMIN, "realm_id=globex").status()).isEqualTo(403);
    assertThat(listed(ADMIN, "all_realms=true")).containsExactly(d, c, b, a);
    assertThat(listed(ADMIN, "realm_id=globex")).containsExactly(d);
    assertThat(listed(ADMIN, "")).as("the default realm has none").isEmpty();
    assertThat(listed(ACME_ADMIN, "all_realms=true&event_id=" + d)).isEmpty();
    assertThat(listed(ACME_ADMIN, "realm_id=acme&event_id=" + b)).containsExactly(b);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&event_type=user.*")).containsExactly(b, a);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&event_type=group.created")).containsExactly(c);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&subject_id=u1")).containsExactly(b, a);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&subject_type=group")).containsExactly(c);
    assertThat(listed(ADMIN, "all_realms=true&subject_type=user&subject_id=u1"))
        .containsExactly(d, b, a);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&correlation_id=c1")).containsExactly(c, a);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&occurred_after=2026-06-01T00:00:02Z"))
        .containsExactly(c, b);
    assertThat(listed(ACME_ADMIN, "realm_id=acme&occurred_before=2026-06-01T00:00:02Z"))
        .containsExactly(a);

    JsonNode first = list(ACME_ADMIN, "realm_id=acme&event_id=" + c).body().get("events").get(0);
    assertThat(first.get("event_type").asText()).isEqualTo("group.created");
    assertThat(first.get("realm_id").asText()).isEqualTo("acme");
    assertThat(first.get("subject").get("type").asText()).isEqualTo("group");
    assertThat(first.get("subject").get("id").asText()).isEqualTo("g1");
    assertThat(first.get("correlation_id").asText()).isEqualTo("c1");
    assertThat(first.get("occurred_at").asText()).isEqualTo("2026-06-01T00:00:03Z");
    assertThat(first.has("stored_at")).isTrue();
    assertThat(first.has("payload")).as("a summary leaves the payload to GetEvent").isFalse();
  }

  @Test
  void showsWhereEachEventWent() {
    String user = publish(ACME_PUBLISHER, "user.created", "acme", "user:u1", "", 1);
    String group = publish(ACME_PUBLISHER, "group.created", "acme", "group:g1", "", 2);

    await()
        .atMost(WAIT)
        .until(
            () ->
                list(ACME_ADMIN, "realm_id=acme&event_id=" + user)
                    .body()
                    .at("/events/0/deliveries/0/status")
                    .asText()
                    .equals("succeeded"));
    JsonNode events = list(ACME_ADMIN, "realm_id=acme").body().get("events");
    assertThat(eventIds(list(ACME_ADMIN, "realm_id=acme").body())).containsExactly(group, user);
    assertThat(events.get(0).path("deliveries")).as("no webhook takes group events").isEmpty();
    JsonNode delivery = events.get(1).get("deliveries").get(0);
    assertThat(delivery.get("target").asText()).isEqualTo("webhook:users");
    assertThat(delivery.get("attempt_count").asInt()).isEqualTo(1);
    assertThat(receiver.delivered("/users")).containsExactly(user);
  }

  @Test
  void pagesWithTheTokenOfThePreviousPage() {
    List<String> published = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      published.add(publish(ACME_PUBLISHER, "user.created", "acme", "user:u" + i, "", i));
    }
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Reply page = list(ACME_ADMIN, "realm_id=acme&page_size=2&page_token=" + token);
      assertThat(page.status()).isEqualTo(200);
      seen.addAll(eventIds(page.body()));
      token = page.body().path("next_page_token").asText("");
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(published.reversed());
    assertThat(listed(ACME_ADMIN, "realm_id=acme")).as("50 by default").hasSize(5);
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    assertThat(list(ACME_ADMIN, "realm_id=acme&page_size=1001").body().toString())
        .contains("page_size", "expected: 1..1000, or 0 for 50");
    assertThat(list(ACME_ADMIN, "realm_id=acme&page_size=-1").status()).isEqualTo(400);
    Reply badType = list(ACME_ADMIN, "realm_id=acme&event_type=User%20Created");
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.body().toString()).contains("event_type");
    Reply emptyWindow =
        list(
            ACME_ADMIN,
            "realm_id=acme&occurred_after=2026-06-01T00:00:02Z"
                + "&occurred_before=2026-06-01T00:00:01Z");
    assertThat(emptyWindow.status()).isEqualTo(400);
    assertThat(emptyWindow.body().toString()).contains("occurred_before", "expected: after");
    Reply badToken = list(ACME_ADMIN, "realm_id=acme&page_token=nonsense");
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.body().toString()).contains("page_token");
    assertThat(list(ACME_PUBLISHER, "realm_id=acme").status())
        .as("the admin API refuses a publisher token")
        .isEqualTo(403);
    assertThat(list(null, "realm_id=acme").status()).isEqualTo(401);
  }

  @Test
  void getCallerDescribesTheTokenOfTheCall() {
    Reply ops = api.get(ADMIN, "/api/v1/caller");
    assertThat(ops.status()).isEqualTo(200);
    assertThat(ops.body().get("token_name").asText()).isEqualTo("ops");
    assertThat(ops.body().get("role").asText()).isEqualTo("admin");
    assertThat(ops.body().path("all_realms").asBoolean()).isTrue();
    assertThat(ops.body().path("realms")).isEmpty();

    Reply acme = api.get(ACME_ADMIN, "/api/v1/caller");
    assertThat(acme.status()).isEqualTo(200);
    assertThat(acme.body().get("token_name").asText()).isEqualTo("acme-ops");
    assertThat(acme.body().get("role").asText()).isEqualTo("admin");
    assertThat(acme.body().path("all_realms").asBoolean(false)).isFalse();
    assertThat(acme.body().get("realms").toString()).isEqualTo("[\"acme\"]");

    assertThat(api.get(ACME_PUBLISHER, "/api/v1/caller").status()).isEqualTo(403);
    assertThat(api.get(null, "/api/v1/caller").status()).isEqualTo(401);
  }
}
