package dev.herald.host.cli;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.EventExport;
import dev.herald.core.admin.EventFilter;
import dev.herald.core.admin.Realms;
import dev.herald.core.store.Database;
import dev.herald.host.DatabaseOpener;
import dev.herald.host.HeraldServer;
import dev.herald.host.admin.EventFilters;
import dev.herald.host.config.HeraldConfig;
import dev.herald.host.export.ExportFormat;
import dev.herald.host.export.ExportStream;
import dev.herald.proto.admin.v1.ListEventsRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exports the stored events of the configured database, read directly, as JSON lines or CSV; a page
 * of events at a time, so memory stays flat whatever the number of events.
 */
@Command(
    name = "export",
    description =
        "Write stored events (optionally with deliveries and attempts) as JSON lines or CSV,"
            + " oldest first; filters as in the events list of the API.")
final class ExportCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      paramLabel = "jsonl|csv",
      description = "Output format (default: jsonl).")
  String format;

  @Option(names = "--deliveries", description = "Include each event's deliveries and attempts.")
  boolean deliveries;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout).")
  Path out;

  @Option(names = "--event-id", defaultValue = "", description = "Exactly this event id.")
  String eventId;

  @Option(
      names = "--event-type",
      defaultValue = "",
      description = "An event-type pattern: user.created, user.*, *.")
  String eventType;

  @Option(names = "--subject-type", defaultValue = "", description = "The subject's type.")
  String subjectType;

  @Option(names = "--subject-id", defaultValue = "", description = "The subject's id.")
  String subjectId;

  @Option(names = "--correlation-id", defaultValue = "", description = "This correlation id.")
  String correlationId;

  @Option(
      names = "--occurred-after",
      paramLabel = "TIME",
      description = "Events at or after this RFC 3339 time, e.g. 2026-01-31T00:00:00Z.")
  String occurredAfter;

  @Option(
      names = "--occurred-before",
      paramLabel = "TIME",
      description = "Events before this RFC 3339 time.")
  String occurredBefore;

  @Option(
      names = "--realm-id",
      paramLabel = "REALM",
      description = "Only this realm ('' is the default realm); without it, every realm.")
  String realmId;

  @Override
  public Integer call() throws IOException {
    ExportFormat exportFormat =
        ExportFormat.named(format)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--format: '" + format + "' (expected: " + ExportFormat.NAMES + ")"));
    EventFilter filter = filter();
    HeraldConfig heraldConfig = config.load();
    try (Database database = DatabaseOpener.open(heraldConfig.database())) {
      ExportStream stream =
          ExportStream.of(
              new EventExport(database, new DeliveryQueries(database)),
              filter,
              exportFormat,
              HeraldServer.payloadTypes().typeRegistry(),
              deliveries);
      if (out == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        stream.writeTo(stdout);
        if (stdout.checkError()) {
          throw new IllegalStateException("cannot write to standard output");
        }
      } else {
        try (Writer writer = fileOutput()) {
          long events = stream.writeTo(writer);
          spec.commandLine().getErr().println("herald: exported " + events + " event(s) to " + out);
        }
      }
    }
    return 0;
  }

  /** Returns the filter the options give, read by the events list's own code. */
  private EventFilter filter() {
    try {
      ListEventsRequest.Builder req =
          ListEventsRequest.newBuilder()
              .setEventId(eventId)
              .setEventType(eventType)
              .setSubjectType(subjectType)
              .setSubjectId(subjectId)
              .setCorrelationId(correlationId);
      if (occurredAfter != null) {
        req.setOccurredAfter(EventFilters.time("occurred_after", occurredAfter));
      }
      if (occurredBefore != null) {
        req.setOccurredBefore(EventFilters.time("occurred_before", occurredBefore));
      }
      return EventFilters.of(
          req.build(), () -> realmId == null ? Realms.all() : Realms.one(realmId));
    } catch (AdminException e) {
      // The filter code names request fields; the user typed options.
      throw new IllegalArgumentException(
          e.violations().stream()
              .map(v -> "--" + v.field().replace('_', '-') + ": " + v.reason())
              .reduce((a, b) -> a + "; " + b)
              .orElse(e.getMessage()));
    }
  }

  private Writer fileOutput() {
    try {
      return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--out: cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
