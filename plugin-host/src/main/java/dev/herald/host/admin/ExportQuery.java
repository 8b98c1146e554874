package dev.herald.host.admin;

import com.linecorp.armeria.common.QueryParams;
import dev.herald.core.admin.AdminException;
import dev.herald.host.export.ExportFormat;
import dev.herald.proto.admin.v1.ListEventsRequest;
import java.util.List;
import java.util.Set;

/**
 * The query of an export: {@code format}, {@code deliveries}, and ListEvents' filters under their
 * field names ({@code event_type=user.*}, {@code occurred_after=2026-01-31T00:00:00Z}, ...).
 */
record ExportQuery(ExportFormat format, boolean deliveries, ListEventsRequest filters) {

  private static final Set<String> KNOWN =
      Set.of(
          "format",
          "deliveries",
          "event_id",
          "event_type",
          "subject_id",
          "subject_type",
          "correlation_id",
          "occurred_after",
          "occurred_before",
          "realm_id",
          "all_realms");

  private static final List<String> SORTED = KNOWN.stream().sorted().toList();

  /**
   * Reads the query's parameters.
   *
   * @throws AdminException naming an unknown parameter or one with a bad value
   */
  static ExportQuery of(QueryParams params) {
    for (String name : params.names()) {
      if (!KNOWN.contains(name)) {
        throw AdminException.invalid(
            name, "unknown parameter (expected: one of " + String.join(", ", SORTED) + ")");
      }
    }
    String formatName = params.get("format", "jsonl");
    ExportFormat format =
        ExportFormat.named(formatName)
            .orElseThrow(
                () ->
                    AdminException.invalid(
                        "format", "'" + formatName + "' (expected: " + ExportFormat.NAMES + ")"));
    ListEventsRequest.Builder filters =
        ListEventsRequest.newBuilder()
            .setEventId(params.get("event_id", ""))
            .setEventType(params.get("event_type", ""))
            .setSubjectId(params.get("subject_id", ""))
            .setSubjectType(params.get("subject_type", ""))
            .setCorrelationId(params.get("correlation_id", ""))
            .setRealmId(params.get("realm_id", ""))
            .setAllRealms(flag(params, "all_realms"));
    if (params.contains("occurred_after")) {
      filters.setOccurredAfter(EventFilters.time("occurred_after", params.get("occurred_after")));
    }
    if (params.contains("occurred_before")) {
      filters.setOccurredBefore(
          EventFilters.time("occurred_before", params.get("occurred_before")));
    }
    return new ExportQuery(format, flag(params, "deliveries"), filters.build());
  }

  private static boolean flag(QueryParams params, String name) {
    String value = params.get(name, "false");
    return switch (value) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw AdminException.invalid(name, "'" + value + "' (expected: true or false)");
    };
  }
}
