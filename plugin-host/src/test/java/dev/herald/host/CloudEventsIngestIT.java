package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.ingest.v1.GetEventRequest;
import dev.herald.proto.ingest.v1.IngestServiceGrpc.IngestServiceBlockingStub;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/cloudevents}: events written by the CloudEvents SDK in structured, batch and
 * binary mode are stored as envelopes and read back over the ingest API; bad ones are refused
 * naming the attribute, and nothing is stored.
 */
class CloudEventsIngestIT {

  private static final String PATH = "/api/v1/cloudevents";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat FORMAT = new JsonFormat();
  private static final String ID_1 = "0195a3c2-7b1e-7c4d-9a3f-2b8e4d6f1a90";
  private static final String ID_2 = "0195a3c2-7b1e-7c4d-9a3f-2b8e4d6f1a91";

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  private IngestServiceBlockingStub ingest;
  private WebClient client;

  @BeforeEach
  void start() {
    herald = TestHerald.startWithApi(TestDatabase.sqlite(), folder, "", Clock.systemUTC());
    ingest = new ApiClients(herald.apiUrl()).grpc(IngestServiceBlockingStub.class, ACME_PUBLISHER);
    client = WebClient.of(herald.apiUrl());
  }

  @Test
  void aStructuredEventIsStoredOnceAsTheEnvelopeItMapsTo() throws Exception {
    CloudEvent event = order(ID_1).withExtension("comexampletier", "gold").build();

    AggregatedHttpResponse first =
        post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, FORMAT.serialize(event));
    AggregatedHttpResponse again =
        post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, FORMAT.serialize(event));

    assertThat(first.status()).isEqualTo(HttpStatus.OK);
    assertThat(json(first).get("event_id").asText()).isEqualTo(ID_1);
    assertThat(json(first).get("duplicate").asBoolean()).isFalse();
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    EventEnvelope stored = stored(ID_1);
    assertThat(stored.getEventType()).isEqualTo("order.placed");
    assertThat(stored.getSource()).isEqualTo("https://shop.example/orders");
    assertThat(stored.getRealmId()).isEqualTo("acme");
    assertThat(stored.getSubject().getId()).isEqualTo("o-17");
    assertThat(stored.getOccurredAt().getSeconds())
        .isEqualTo(OffsetDateTime.parse("2026-03-01T12:00:00Z").toEpochSecond());
    assertThat(JSON.readTree(stored.getJsonPayload())).isEqualTo(JSON.readTree("{\"total\":42}"));
    assertThat(stored.getAttributesMap()).containsEntry("comexampletier", "gold");
  }

  @Test
  void aBinaryEventIsStoredWithItsHeadersAsAttributes() throws Exception {
    CloudEvent event = order(ID_1).withExtension("correlationid", "req-1").build();
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeBinary(event);

    AggregatedHttpResponse response = post(ACME_PUBLISHER, headers, body.toByteArray());

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    EventEnvelope stored = stored(ID_1);
    assertThat(stored.getEventType()).isEqualTo("order.placed");
    assertThat(stored.getCorrelationId()).isEqualTo("req-1");
    assertThat(JSON.readTree(stored.getJsonPayload())).isEqualTo(JSON.readTree("{\"total\":42}"));
  }

  @Test
  void aBatchIsStoredWholeAndAnswersEveryId() throws Exception {
    byte[] batch = batch(structured(order(ID_1).build()), structured(order(ID_2).build()));

    AggregatedHttpResponse response =
        post(ACME_PUBLISHER, "application/cloudevents-batch+json", batch);

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(json(response).get("event_ids").toString())
        .isEqualTo("[\"" + ID_1 + "\",\"" + ID_2 + "\"]");
    assertThat(stored(ID_2).getEventType()).isEqualTo("order.placed");
  }

  @Test
  void aBatchWithOneBadEventStoresNoneAndNamesIt() throws Exception {
    String bad =
        "{\"specversion\":\"1.0\",\"id\":\""
            + ID_2
            + "\",\"source\":\"/x\",\"type\":\"a.b\","
            + "\"realmid\":\"acme\",\"datacontenttype\":\"text/plain\",\"data\":\"hi\"}";
    byte[] batch = batch(structured(order(ID_1).build()), bad);

    AggregatedHttpResponse response =
        post(ACME_PUBLISHER, "application/cloudevents-batch+json", batch);

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText())
        .contains("events[1].datacontenttype: 'text/plain' is not supported");
    assertThat(storedCount()).isZero();
  }

  @Test
  void anEventWithoutIdIsRefusedNamingIt() {
    byte[] noId =
        "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"a.b\",\"realmid\":\"acme\"}"
            .getBytes(StandardCharsets.UTF_8);

    AggregatedHttpResponse response = post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, noId);

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText())
        .isEqualTo("invalid CloudEvent: id: missing (expected: every CloudEvent has one)");
    assertThat(storedCount()).isZero();
  }

  @Test
  void aBinaryEventWithoutSourceIsRefusedNamingIt() {
    Map<String, String> headers =
        Map.of(
            "content-type", "application/json",
            "ce-specversion", "1.0",
            "ce-id", ID_1,
            "ce-type", "order.placed",
            "ce-realmid", "acme");

    AggregatedHttpResponse response =
        post(ACME_PUBLISHER, headers, "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText())
        .isEqualTo("invalid CloudEvent: source: missing (expected: every CloudEvent has one)");
  }

  @Test
  void whatTheIngestPathRefusesIsNamedByItsAttribute() throws Exception {
    byte[] badType =
        FORMAT.serialize(
            CloudEventBuilder.v1()
                .withId(ID_1)
                .withSource(URI.create("/x"))
                .withType("Order Placed")
                .withExtension("realmid", "acme")
                .build());

    AggregatedHttpResponse response = post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, badType);

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText())
        .startsWith("invalid CloudEvent: type: ")
        .contains("data: missing");
  }

  @Test
  void anotherSpecVersionIsRefusedNamingIt() {
    byte[] old =
        ("{\"specversion\":\"0.2\",\"id\":\"" + ID_1 + "\",\"source\":\"/x\",\"type\":\"a.b\"}")
            .getBytes(StandardCharsets.UTF_8);

    AggregatedHttpResponse response = post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, old);

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText())
        .isEqualTo("invalid CloudEvent: specversion: '0.2' (expected: 1.0)");
  }

  @Test
  void aPlainJsonBodyIsNoCloudEvent() {
    AggregatedHttpResponse response =
        post(ACME_PUBLISHER, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response).get("error").asText()).contains("cloudevent: none found");
  }

  @Test
  void noTokenIs401AndARealmTheTokenDoesNotCoverIs403() throws Exception {
    byte[] acme = FORMAT.serialize(order(ID_1).build());
    byte[] globex = FORMAT.serialize(order(ID_2).withExtension("realmid", "globex").build());

    assertThat(post(null, JsonFormat.CONTENT_TYPE, acme).status())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    AggregatedHttpResponse forbidden = post(ACME_PUBLISHER, JsonFormat.CONTENT_TYPE, globex);
    assertThat(forbidden.status()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(json(forbidden).get("error").asText()).contains("globex");
    assertThat(storedCount()).isZero();
  }

  private static CloudEventBuilder order(String id) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("https://shop.example/orders"))
        .withType("order.placed")
        .withTime(OffsetDateTime.parse("2026-03-01T12:00:00Z"))
        .withSubject("o-17")
        .withExtension("realmid", "acme")
        .withData("application/json", "{\"total\":42}".getBytes(StandardCharsets.UTF_8));
  }

  private static String structured(CloudEvent event) {
    return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
  }

  private static byte[] batch(String... events) {
    return ("[" + String.join(",", events) + "]").getBytes(StandardCharsets.UTF_8);
  }

  private AggregatedHttpResponse post(String token, String contentType, byte[] body) {
    return post(token, Map.of("content-type", contentType), body);
  }

  private AggregatedHttpResponse post(String token, Map<String, String> headers, byte[] body) {
    RequestHeadersBuilder request = RequestHeaders.builder(HttpMethod.POST, PATH);
    headers.forEach(request::set);
    if (token != null) {
      request.set("authorization", "Bearer " + token);
    }
    return client.blocking().execute(request.build(), body);
  }

  private EventEnvelope stored(String id) {
    return ingest.getEvent(GetEventRequest.newBuilder().setEventId(id).build()).getEvent();
  }

  private int storedCount() {
    return herald
        .server()
        .database()
        .read(ctx -> ctx.fetchCount(dev.herald.core.store.jooq.Tables.EVENT_OUTBOX));
  }

  private static JsonNode json(AggregatedHttpResponse response) {
    try {
      return JSON.readTree(response.contentUtf8());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.contentUtf8(), e);
    }
  }
}
