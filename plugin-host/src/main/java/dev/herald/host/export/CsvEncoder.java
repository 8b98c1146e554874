package dev.herald.host.export;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.admin.AttemptView;
import dev.herald.core.admin.DeliveryView;
import dev.herald.core.admin.ExportedEvent;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes RFC 4180 CSV: a header row, then one row per event; with deliveries, one row per attempt
 * (the event's columns repeated), a delivery without attempts in one row with empty attempt columns
 * and an event without deliveries in one row with empty delivery columns. Rows end in CRLF. The
 * payload column holds the payload's JSON (a typed one with its {@code @type}).
 */
final class CsvEncoder implements ExportEncoder {

  /** The columns of every row. */
  static final List<String> EVENT_COLUMNS =
      List.of(
          "event_id",
          "event_type",
          "event_version",
          "occurred_at",
          "stored_at",
          "realm_id",
          "source",
          "subject_type",
          "subject_id",
          "sequence",
          "correlation_id",
          "causation_id",
          "actor_type",
          "actor_id",
          "purpose",
          "payload_type",
          "payload");

  /** The columns added with deliveries. */
  static final List<String> DELIVERY_COLUMNS =
      List.of(
          "delivery_id",
          "target",
          "status",
          "attempt_count",
          "last_error",
          "attempt",
          "started_at",
          "latency_micros",
          "outcome",
          "http_status",
          "grpc_code",
          "error_class",
          "error_message");

  private static final String JSON_PAYLOAD = "json";

  private final JsonFormat.Printer printer;
  private final boolean withDeliveries;

  CsvEncoder(TypeRegistry payloadTypes, boolean withDeliveries) {
    this.printer =
        JsonFormat.printer()
            .usingTypeRegistry(payloadTypes)
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();
    this.withDeliveries = withDeliveries;
  }

  @Override
  public String header() {
    StringBuilder out = new StringBuilder();
    List<String> columns = new ArrayList<>(EVENT_COLUMNS);
    if (withDeliveries) {
      columns.addAll(DELIVERY_COLUMNS);
    }
    row(columns, out);
    return out.toString();
  }

  @Override
  public void encode(ExportedEvent event, StringBuilder out) {
    List<String> columns = eventColumns(event);
    if (!withDeliveries) {
      row(columns, out);
      return;
    }
    if (event.deliveries().isEmpty()) {
      row(columns, DELIVERY_COLUMNS.size(), out);
    }
    for (ExportedEvent.Delivery delivery : event.deliveries()) {
      List<String> deliveryColumns = new ArrayList<>(columns);
      deliveryColumns.addAll(deliveryColumns(delivery.view()));
      if (delivery.attempts().isEmpty()) {
        row(deliveryColumns, DELIVERY_COLUMNS.size() - 5, out);
      }
      for (AttemptView attempt : delivery.attempts()) {
        List<String> attemptColumns = new ArrayList<>(deliveryColumns);
        attemptColumns.addAll(attemptColumns(attempt));
        row(attemptColumns, out);
      }
    }
  }

  private List<String> eventColumns(ExportedEvent event) {
    EventEnvelope e = event.envelope();
    return List.of(
        e.getEventId(),
        e.getEventType(),
        Integer.toString(e.getEventVersion()),
        e.hasOccurredAt() ? Timestamps.toString(e.getOccurredAt()) : "",
        event.storedAt().toString(),
        e.getRealmId(),
        e.getSource(),
        e.getSubject().getType(),
        e.getSubject().getId(),
        Long.toUnsignedString(e.getSequence()),
        e.getCorrelationId(),
        e.getCausationId(),
        e.hasActor() ? e.getActor().getType().name() : "",
        e.getActor().getId(),
        e.getPurpose().name(),
        payloadType(e),
        payload(e));
  }

  private static List<String> deliveryColumns(DeliveryView view) {
    return List.of(
        Long.toString(view.id()),
        view.target().key(),
        view.status().dbValue(),
        Integer.toString(view.attemptCount()),
        ExportMessages.orEmpty(view.lastError()));
  }

  private static List<String> attemptColumns(AttemptView attempt) {
    return List.of(
        Integer.toString(attempt.attempt()),
        attempt.startedAt().toString(),
        Long.toString(attempt.latencyMicros()),
        attempt.outcome(),
        attempt.httpStatus() == null ? "" : attempt.httpStatus().toString(),
        ExportMessages.orEmpty(attempt.grpcCode()),
        ExportMessages.orEmpty(attempt.errorClass()),
        ExportMessages.orEmpty(attempt.errorMessage()));
  }

  private static String payloadType(EventEnvelope e) {
    return switch (e.getPayloadCase()) {
      case JSON_PAYLOAD -> JSON_PAYLOAD;
      case PROTO_PAYLOAD -> e.getProtoPayload().getTypeUrl();
      case PAYLOAD_NOT_SET -> "";
    };
  }

  private String payload(EventEnvelope e) {
    try {
      return switch (e.getPayloadCase()) {
        case JSON_PAYLOAD -> e.getJsonPayload();
        case PROTO_PAYLOAD -> printer.print(e.getProtoPayload());
        case PAYLOAD_NOT_SET -> "";
      };
    } catch (InvalidProtocolBufferException ex) {
      throw new IllegalArgumentException(
          "event "
              + e.getEventId()
              + ": payload type "
              + e.getProtoPayload().getTypeUrl()
              + " is not known, so it has no JSON form",
          ex);
    }
  }

  /** Appends one row: the values, then {@code emptyColumns} empty ones. */
  private static void row(List<String> values, int emptyColumns, StringBuilder out) {
    List<String> padded = new ArrayList<>(values);
    for (int i = 0; i < emptyColumns; i++) {
      padded.add("");
    }
    row(padded, out);
  }

  private static void row(List<String> values, StringBuilder out) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      field(values.get(i), out);
    }
    out.append("\r\n");
  }

  /** Appends a field, quoted (its quotes doubled) when it holds a comma, quote, CR or LF. */
  static void field(String value, StringBuilder out) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
