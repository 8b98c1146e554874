package dev.herald.host.export;

import com.google.protobuf.TypeRegistry;
import java.util.Optional;

/** The formats an export writes. */
public enum ExportFormat {
  /** One JSON object per event: {@code herald.admin.v1.ExportedEvent}. */
  JSONL("application/x-ndjson; charset=utf-8"),
  /** RFC 4180 CSV with a header row: one row per event, or per attempt with deliveries. */
  CSV("text/csv; charset=utf-8; header=present");

  private final String mediaType;

  ExportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** Returns the media type of the output, for an HTTP response. */
  public String mediaType() {
    return mediaType;
  }

  /** Returns a writer of this format; typed payloads render through {@code payloadTypes}. */
  public ExportEncoder encoder(TypeRegistry payloadTypes, boolean withDeliveries) {
    return switch (this) {
      case JSONL -> new JsonLinesEncoder(payloadTypes);
      case CSV -> new CsvEncoder(payloadTypes, withDeliveries);
    };
  }

  /** The names {@link #named} knows, for error messages. */
  public static final String NAMES = "jsonl or csv";

  /** Returns the format named {@code value} ({@code jsonl} or {@code csv}, any case). */
  public static Optional<ExportFormat> named(String value) {
    for (ExportFormat format : values()) {
      if (format.name().equalsIgnoreCase(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
