package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/results.json}: an array of {name, value, unit, baseline, ratio} (plus a note on rows
 * that have no numbers), compared with the previous run's file before it is replaced.
 */
final class ResultsJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  /** Writes the results to {@code file}. */
  static void write(Path file, List<Result> results) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result result : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", result.name());
      row.put("value", round(result.value()));
      row.put("unit", result.unit());
      row.put("baseline", round(result.baseline()));
      row.put("ratio", round(result.ratio()));
      if (result.value() == null) {
        row.put("note", result.note());
      }
      rows.add(row);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(rows) + "\n");
  }

  /**
   * Prints how each figure moved since the run that wrote {@code previousFile}, if there is one.
   */
  static void compare(Path previousFile, List<Result> results, PrintStream out) throws IOException {
    if (!Files.exists(previousFile)) {
      return;
    }
    Map<String, JsonNode> previous = new LinkedHashMap<>();
    for (JsonNode row : JSON.readTree(previousFile.toFile())) {
      previous.put(row.path("name").asText(), row);
    }
    out.println("Compared with the previous run (" + previousFile + "):");
    for (Result result : results) {
      JsonNode before = previous.get(result.name());
      if (result.value() == null || before == null || !before.path("value").isNumber()) {
        continue;
      }
      double old = before.path("value").asDouble();
      out.printf(
          "  %-20s %12.2f → %12.2f %-13s (%+.1f%%); ratio %s → %s%n",
          result.name(),
          old,
          result.value(),
          result.unit(),
          old == 0 ? 0 : (result.value() - old) / old * 100,
          before.path("ratio").isNumber() ? "%.2f".formatted(before.path("ratio").asDouble()) : "-",
          result.ratio() == null ? "-" : "%.2f".formatted(result.ratio()));
    }
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 1000) / 1000.0;
  }
}
