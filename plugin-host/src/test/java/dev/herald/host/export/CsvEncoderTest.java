package dev.herald.host.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.admin.AttemptView;
import dev.herald.core.admin.DeliveryView;
import dev.herald.core.admin.ExportedEvent;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.identity.v1.UserCreated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as RFC 4180 has it: a header, CRLF rows, quoted fields where needed, one row per attempt. */
class CsvEncoderTest {

  private static final Instant STORED = Instant.parse("2026-06-01T00:00:01Z");

  private static EventEnvelope.Builder envelope() {
    return EventEnvelope.newBuilder()
        .setEventId("e1")
        .setEventType("order.placed")
        .setEventVersion(1)
        .setOccurredAt(
            Timestamps.fromMillis(Instant.parse("2026-06-01T00:00:00.5Z").toEpochMilli()))
        .setSource("urn:x")
        .setPurpose(Purpose.PURPOSE_LIVE);
  }

  private static String encoded(ExportEncoder encoder, ExportedEvent event) {
    StringBuilder out = new StringBuilder();
    encoder.encode(event, out);
    return out.toString();
  }

  @Test
  void quotesFieldsWithCommasQuotesAndLineBreaksOnly() {
    ExportEncoder csv = ExportFormat.CSV.encoder(TypeRegistry.getEmptyTypeRegistry(), false);
    EventEnvelope event =
        envelope().setCorrelationId("plain").setJsonPayload("{\"a\":\"x,y\",\n\"b\":1}\r").build();

    assertThat(csv.header())
        .isEqualTo(
            "event_id,event_type,event_version,occurred_at,stored_at,realm_id,source,"
                + "subject_type,subject_id,sequence,correlation_id,causation_id,actor_type,"
                + "actor_id,purpose,payload_type,payload\r\n");
    assertThat(encoded(csv, new ExportedEvent(event, STORED, List.of())))
        .isEqualTo(
            "e1,order.placed,1,2026-06-01T00:00:00.500Z,2026-06-01T00:00:01Z,,urn:x,,,0,plain,,,,"
                + "PURPOSE_LIVE,json,\"{\"\"a\"\":\"\"x,y\"\",\n\"\"b\"\":1}\r\"\r\n");
  }

  @Test
  void writesOneRowPerAttemptAndOneForADeliveryWithoutAttempts() {
    ExportEncoder csv = ExportFormat.CSV.encoder(TypeRegistry.getEmptyTypeRegistry(), true);
    ExportedEvent event =
        new ExportedEvent(
            envelope().setJsonPayload("{}").build(),
            STORED,
            List.of(
                new ExportedEvent.Delivery(
                    delivery(7, DeliveryStatus.SUCCEEDED, 2),
                    List.of(attempt(1, "retry", 500), attempt(2, "succeeded", 200))),
                new ExportedEvent.Delivery(delivery(8, DeliveryStatus.PENDING, 0), List.of())));

    String[] rows = encoded(csv, event).split("\r\n");

    assertThat(rows).hasSize(3);
    String head =
        "e1,order.placed,1,2026-06-01T00:00:00.500Z,2026-06-01T00:00:01Z,,urn:x,,,0,,,,,PURPOSE_LIVE,json,{},";
    assertThat(rows[0])
        .isEqualTo(
            head
                + "7,webhook:w,succeeded,2,,1,2026-06-01T00:00:02Z,1500,retry,500,,http_5xx,\"boom, \"\"really\"\"\"");
    assertThat(rows[1])
        .isEqualTo(
            head
                + "7,webhook:w,succeeded,2,,2,2026-06-01T00:00:02Z,1500,succeeded,200,,http_5xx,\"boom, \"\"really\"\"\"");
    assertThat(rows[2]).isEqualTo(head + "8,webhook:w,pending,0,,,,,,,,,");
  }

  @Test
  void rendersATypedPayloadAsJsonWithItsTypeAndRefusesAnUnknownType() {
    EventEnvelope typed =
        envelope()
            .setEventType("user.created")
            .setProtoPayload(Any.pack(UserCreated.newBuilder().setUserId("u1").build()))
            .build();
    ExportEncoder known =
        ExportFormat.CSV.encoder(
            TypeRegistry.newBuilder().add(UserCreated.getDescriptor()).build(), false);

    assertThat(encoded(known, new ExportedEvent(typed, STORED, List.of())))
        .contains(
            ",type.googleapis.com/herald.identity.v1.UserCreated,"
                + "\"{\"\"@type\"\":\"\"type.googleapis.com/herald.identity.v1.UserCreated\"\","
                + "\"\"user_id\"\":\"\"u1\"\"}\"\r\n");
    assertThatThrownBy(
            () ->
                encoded(
                    ExportFormat.JSONL.encoder(TypeRegistry.getEmptyTypeRegistry(), false),
                    new ExportedEvent(typed, STORED, List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event e1")
        .hasMessageContaining("herald.identity.v1.UserCreated is not known");
  }

  private static DeliveryView delivery(long id, DeliveryStatus status, int attempts) {
    return new DeliveryView(
        id,
        "e1",
        "order.placed",
        "",
        TargetRef.webhook("w"),
        status,
        false,
        attempts,
        STORED,
        null,
        STORED,
        STORED,
        null);
  }

  private static AttemptView attempt(int attempt, String outcome, int httpStatus) {
    return new AttemptView(
        attempt,
        Instant.parse("2026-06-01T00:00:02Z"),
        1500,
        outcome,
        httpStatus,
        null,
        "http_5xx",
        "boom, \"really\"",
        null);
  }
}
