package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static dev.herald.host.ApiTokens.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.ExportChunk;
import dev.herald.proto.admin.v1.ExportEventsRequest;
import dev.herald.proto.admin.v1.ExportFormat;
import dev.herald.proto.admin.v1.ExportServiceGrpc;
import dev.herald.proto.admin.v1.ListEventsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/events:export} over real HTTP on 127.0.0.1: the list's filters and realms,
 * both formats, deliveries with their attempts, more than one page, and every refusal with the
 * API's JSON error. One subclass per database.
 */
abstract class ExportContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private ApiClients api;
  private final HttpClient http = HttpClient.newHttpClient();

  ExportContract(TestDatabase database) {
    this.database = database;
  }

  /** A REST answer as text: what a client of a streamed export reads. */
  private record Export(int status, String contentType, String body) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }

    JsonNode error() throws Exception {
      return JSON.readTree(body);
    }
  }

  @BeforeEach
  void start() {
    // The first attempt of every delivery fails, the second succeeds: two attempts to export.
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, id, attempt) -> attempt == 1 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
              retry:
                schedule: [50ms, 50ms, 50ms]
                jitter: 0
            webhooks:
              - {id: users, url: '%s', secret: %s, event_types: [user.*]}
            """
                .formatted(receiver.url("/users"), SECRET),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  private Export export(String token, String query) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(herald.apiUrl() + "/api/v1/events:export?" + query))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Export(
        response.statusCode(),
        response.headers().firstValue("content-type").orElse(""),
        response.body());
  }

  private List<String> exported(String token, String query) throws Exception {
    Export export = export(token, query);
    assertThat(export.status()).as("%s: %s", query, export.body()).isEqualTo(200);
    return export.lines().stream().map(l -> l.get("event").get("event_id").asText()).toList();
  }

  /**
   * Publishes over REST; a catalogue type (user.*, group.*) carries an empty payload, which becomes
   * its typed message, others a JSON one.
   */
  private String publish(String token, String type, String realm, String subject, int second) {
    String payload = type.startsWith("order.") ? "{\\\"n\\\": " + second + "}" : "{}";
    Reply published =
        api.post(
            token,
            "/api/v1/events",
            """
            {"event_type": "%s", "realm_id": "%s", "json_payload": "%s",
             "subject": {"type": "user", "id": "%s"}, "correlation_id": "c%d",
             "occurred_at": "2026-06-01T00:00:%02dZ"}
            """
                .formatted(type, realm, payload, subject, second % 2, second));
    assertThat(published.status()).as("%s", published.body()).isEqualTo(200);
    return published.body().get("event_id").asText();
  }

  @Test
  void exportsWhatTheListFiltersSelectOldestFirst() throws Exception {
    String a = publish(ACME_PUBLISHER, "user.created", "acme", "u1", 1);
    String b = publish(ACME_PUBLISHER, "group.created", "acme", "u2", 2);
    String c = publish(ACME_PUBLISHER, "user.updated", "acme", "u1", 3);
    String d = publish(ADMIN, "user.created", "globex", "u1", 4);

    assertThat(exported(ACME_ADMIN, "realm_id=acme")).containsExactly(a, b, c);
    assertThat(exported(ACME_ADMIN, "all_realms=true")).containsExactly(a, b, c);
    assertThat(exported(ADMIN, "all_realms=true")).containsExactly(a, b, c, d);
    assertThat(exported(ADMIN, "")).as("the default realm has none").isEmpty();
    assertThat(exported(ADMIN, "realm_id=acme&event_type=user.*")).containsExactly(a, c);
    assertThat(exported(ADMIN, "realm_id=acme&subject_id=u1&subject_type=user"))
        .containsExactly(a, c);
    assertThat(exported(ADMIN, "realm_id=acme&correlation_id=c1")).containsExactly(a, c);
    assertThat(exported(ADMIN, "realm_id=acme&event_id=" + b)).containsExactly(b);
    assertThat(
            exported(
                ADMIN,
                "all_realms=true&occurred_after=2026-06-01T00:00:02Z"
                    + "&occurred_before=2026-06-01T00:00:04Z"))
        .containsExactly(b, c);
  }

  @Test
  void aLineIsTheEventAsIngestTakesIt() throws Exception {
    String id = publish(ADMIN, "order.placed", "acme", "u1", 7);

    Export export = export(ADMIN, "realm_id=acme");

    assertThat(export.contentType()).startsWith("application/x-ndjson");
    JsonNode line = export.lines().getFirst();
    JsonNode event = line.get("event");
    assertThat(event.get("event_id").asText()).isEqualTo(id);
    assertThat(event.get("json_payload").asText()).isEqualTo("{\"n\": 7}");
    assertThat(event.get("occurred_at").asText()).isEqualTo("2026-06-01T00:00:07Z");
    assertThat(line.has("stored_at")).isTrue();
    assertThat(line.has("deliveries")).as("not asked for").isFalse();

    // The ingest API takes the line's event as it is.
    Reply again = api.post(ADMIN, "/api/v1/events:batch", "{\"events\":[" + event + "]}");
    assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
    assertThat(again.body().get("event_ids").get(0).asText()).isEqualTo(id);
  }

  @Test
  void deliveriesComeWithEveryAttemptInJsonLinesAndCsv() throws Exception {
    String id = publish(ADMIN, "user.created", "acme", "u1", 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "succeeded".equals(herald.statusByEventId().get(id)));

    JsonNode delivery =
        export(ADMIN, "realm_id=acme&deliveries=true").lines().getFirst().get("deliveries").get(0);
    assertThat(delivery.get("target").asText()).isEqualTo("webhook:users");
    assertThat(delivery.get("status").asText()).isEqualTo("succeeded");
    assertThat(delivery.get("attempts"))
        .extracting(a -> a.get("outcome").asText() + " " + a.get("http_status").asInt())
        .containsExactly("retry 500", "succeeded 200");

    Export csv = export(ADMIN, "realm_id=acme&deliveries=true&format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] rows = csv.body().split("\r\n");
    assertThat(rows[0])
        .startsWith("event_id,event_type,event_version,occurred_at,stored_at,realm_id,")
        .endsWith(
            ",payload,delivery_id,target,status,attempt_count,last_error,attempt,"
                + "started_at,latency_micros,outcome,http_status,grpc_code,error_class,error_message");
    assertThat(rows).hasSize(3);
    assertThat(rows[1])
        .startsWith(id + ",user.created,1,2026-06-01T00:00:01Z,")
        .contains(",retry,500,");
    assertThat(rows[2]).startsWith(id + ",").contains(",succeeded,200,");
  }

  @Test
  void streamsMorePagesThanOne() throws Exception {
    List<String> published =
        herald.publishUsersCreated("acme", 2_345).stream().map(e -> e.getEventId()).toList();

    assertThat(exported(ADMIN, "realm_id=acme&event_type=user.created"))
        .containsExactlyElementsOf(published);
    Export csv = export(ADMIN, "realm_id=acme&format=csv");
    assertThat(csv.body().split("\r\n")).hasSize(1 + 2_345);
  }

  @Test
  void grpcStreamsTheSameExportInChunks() throws Exception {
    herald.publishUsersCreated("acme", 1_500);
    ExportEventsRequest request =
        ExportEventsRequest.newBuilder()
            .setFilters(ListEventsRequest.newBuilder().setRealmId("acme"))
            .setFormat(ExportFormat.EXPORT_FORMAT_CSV)
            .build();

    StringBuilder streamed = new StringBuilder();
    int chunks = 0;
    for (Iterator<ExportChunk> it =
            api.grpc(ExportServiceGrpc.ExportServiceBlockingStub.class, ADMIN)
                .exportEvents(request);
        it.hasNext(); ) {
      streamed.append(it.next().getData().toStringUtf8());
      chunks++;
    }

    assertThat(chunks).as("a chunk per page of 1,000 events").isEqualTo(2);
    assertThat(streamed.toString()).isEqualTo(export(ADMIN, "realm_id=acme&format=csv").body());
    Iterator<ExportChunk> refused =
        api.grpc(ExportServiceGrpc.ExportServiceBlockingStub.class, ACME_ADMIN)
            .exportEvents(
                request.toBuilder()
                    .setFilters(ListEventsRequest.newBuilder().setRealmId("globex"))
                    .build());
    assertThatThrownBy(refused::hasNext)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void refusesWithTheApisJsonErrorsNamingTheParameter() throws Exception {
    Export none = export(null, "");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.error().get("grpc-code").asText()).isEqualTo("UNAUTHENTICATED");

    Export publisher = export(ACME_PUBLISHER, "realm_id=acme");
    assertThat(publisher.status()).isEqualTo(403);
    assertThat(publisher.error().get("message").asText())
        .contains("reading needs a reader or admin token");
    assertThat(export(READER, "realm_id=acme").status())
        .as("a read-only token exports")
        .isEqualTo(200);

    Export otherRealm = export(ACME_ADMIN, "realm_id=globex");
    assertThat(otherRealm.status()).isEqualTo(403);
    assertThat(otherRealm.error().get("message").asText()).contains("realm 'globex'");

    assertThat(field(export(ADMIN, "format=xml"))).isEqualTo("format");
    assertThat(field(export(ADMIN, "deliveries=maybe"))).isEqualTo("deliveries");
    assertThat(field(export(ADMIN, "occurred_after=yesterday"))).isEqualTo("occurred_after");
    assertThat(field(export(ADMIN, "event_type=User.*"))).isEqualTo("event_type");
    assertThat(field(export(ADMIN, "realm=acme"))).isEqualTo("realm");
    assertThat(
            field(
                export(
                    ADMIN,
                    "occurred_after=2026-06-02T00:00:00Z&occurred_before=2026-06-01T00:00:00Z")))
        .isEqualTo("occurred_before");
  }

  /** Returns the one parameter a 400 names. */
  private static String field(Export refused) throws Exception {
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    JsonNode error = refused.error();
    assertThat(error.get("grpc-code").asText()).isEqualTo("INVALID_ARGUMENT");
    JsonNode violations = error.get("details").get(0).get("fieldViolations");
    assertThat(violations).hasSize(1);
    assertThat(error.get("message").asText()).contains(violations.get(0).get("field").asText());
    return violations.get(0).get("field").asText();
  }
}
