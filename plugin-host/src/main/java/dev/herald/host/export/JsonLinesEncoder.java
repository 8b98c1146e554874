package dev.herald.host.export;

import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.herald.core.admin.ExportedEvent;
import java.io.IOException;

/**
 * Writes one {@code herald.admin.v1.ExportedEvent} per line in the proto3 JSON form the REST API
 * uses (snake_case names, RFC 3339 times, typed payloads with their {@code @type}), so a line's
 * {@code event} is what {@code POST /api/v1/events:batch} takes. Fields at their default (0, false,
 * empty) are left out, as proto3 JSON allows: the lines stay short and parse back to the same
 * message.
 */
final class JsonLinesEncoder implements ExportEncoder {

  private final JsonFormat.Printer printer;

  JsonLinesEncoder(TypeRegistry payloadTypes) {
    this.printer =
        JsonFormat.printer()
            .usingTypeRegistry(payloadTypes)
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();
  }

  @Override
  public String header() {
    return "";
  }

  @Override
  public void encode(ExportedEvent event, StringBuilder out) {
    try {
      printer.appendTo(ExportMessages.of(event), out);
    } catch (IOException e) {
      // An unknown Any type; appending to a StringBuilder itself never fails.
      throw new IllegalArgumentException(
          "event "
              + event.envelope().getEventId()
              + ": payload type "
              + event.envelope().getProtoPayload().getTypeUrl()
              + " is not known, so it has no JSON form",
          e);
    }
    out.append('\n');
  }
}
