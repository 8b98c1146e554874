package dev.herald.sample.audit;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.herald.proto.identity.v1.IdentityEventsProto;
import dev.herald.proto.plugin.v1.DeliverRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * An append-only file of JSON lines, one per delivery attempt: the {@link DeliverRequest} in
 * protobuf's JSON mapping with proto field names, e.g. {@code {"delivery_id":"d1","attempt":1,
 * "envelope":{"event_id":"…","event_type":"user.created",…}}}.
 */
final class AuditLog {

  // Typed identity payloads are rendered as JSON; other typed payloads are kept as raw bytes.
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer()
          .usingTypeRegistry(
              TypeRegistry.newBuilder()
                  .add(IdentityEventsProto.getDescriptor().getMessageTypes())
                  .build())
          .preservingProtoFieldNames()
          .omittingInsignificantWhitespace();

  private final Path file;

  AuditLog(Path file) {
    this.file = requireNonNull(file, "file");
  }

  /** Appends one line for {@code request} and forces it to the disk before returning. */
  synchronized void append(DeliverRequest request) throws IOException {
    ByteBuffer line = StandardCharsets.UTF_8.encode(render(request) + "\n");
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (line.hasRemaining()) {
        channel.write(line);
      }
      channel.force(false);
    }
  }

  /** Returns the JSON line for {@code request}, without the line break. */
  static String render(DeliverRequest request) throws InvalidProtocolBufferException {
    try {
      return PRINTER.print(request);
    } catch (InvalidProtocolBufferException e) {
      if (!request.getEnvelope().hasProtoPayload()) {
        throw e;
      }
      // A typed payload whose descriptor this plugin lacks: keep its bytes, base64, beside it.
      Any payload = request.getEnvelope().getProtoPayload();
      DeliverRequest rest =
          request.toBuilder()
              .setEnvelope(request.getEnvelope().toBuilder().clearProtoPayload())
              .build();
      Struct raw =
          Struct.newBuilder()
              .putFields("type_url", text(payload.getTypeUrl()))
              .putFields(
                  "value",
                  text(Base64.getEncoder().encodeToString(payload.getValue().toByteArray())))
              .build();
      String json = PRINTER.print(rest);
      return json.substring(0, json.length() - 1)
          + ",\"proto_payload_raw\":"
          + PRINTER.print(raw)
          + "}";
    }
  }

  private static Value text(String text) {
    return Value.newBuilder().setStringValue(text).build();
  }
}
