package dev.herald.host.export;

import dev.herald.core.admin.ExportedEvent;

/** Turns exported events into the text of one format, an event (or a page) at a time. */
public interface ExportEncoder {

  /** Returns what comes before the first event: the CSV header row, or nothing. */
  String header();

  /**
   * Appends the event's line (or rows) to {@code out}.
   *
   * @throws IllegalArgumentException when a typed payload's type is not known
   */
  void encode(ExportedEvent event, StringBuilder out);
}
