package dev.herald.host.export;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.TypeRegistry;
import dev.herald.core.admin.EventExport;
import dev.herald.core.admin.EventFilter;
import dev.herald.core.admin.ExportedEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * An export as text, one chunk per page of events: the caller asks for the next chunk only when it
 * has written the previous one, so memory holds one page whatever the export's size.
 */
public final class ExportStream {

  private final EventExport.Cursor cursor;
  private final ExportEncoder encoder;
  private boolean started;
  private long events;

  /** Creates the stream of the events {@code cursor} reads, in {@code encoder}'s format. */
  private ExportStream(EventExport.Cursor cursor, ExportEncoder encoder) {
    this.cursor = requireNonNull(cursor, "cursor");
    this.encoder = requireNonNull(encoder, "encoder");
  }

  /**
   * Returns the export of the events {@code filter} selects in {@code format}, with their
   * deliveries and attempts when {@code withDeliveries}; typed payloads render through {@code
   * payloadTypes}.
   */
  public static ExportStream of(
      EventExport export,
      EventFilter filter,
      ExportFormat format,
      TypeRegistry payloadTypes,
      boolean withDeliveries) {
    return new ExportStream(
        export.open(filter, withDeliveries), format.encoder(payloadTypes, withDeliveries));
  }

  /**
   * Returns the next chunk: the header (CSV) with the first page, then a page at a time; empty once
   * every event has been returned.
   */
  public Optional<String> next() {
    List<ExportedEvent> page = cursor.next();
    StringBuilder chunk = new StringBuilder();
    if (!started) {
      started = true;
      chunk.append(encoder.header());
    }
    page.forEach(event -> encoder.encode(event, chunk));
    events += page.size();
    return chunk.isEmpty() ? Optional.empty() : Optional.of(chunk.toString());
  }

  /** Writes every chunk to {@code out} and returns how many events it wrote. */
  public long writeTo(Writer out) throws IOException {
    for (Optional<String> chunk = next(); chunk.isPresent(); chunk = next()) {
      out.write(chunk.get());
    }
    out.flush();
    return events;
  }
}
