package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The results section of {@code BENCHMARKS.md}: machine, command, the table and the run's details,
 * written between two markers so the hand-written analysis around them stays.
 */
final class BenchmarksMarkdown {

  static final String BEGIN = "<!-- bench:results:begin (written by bench/run) -->";
  static final String END = "<!-- bench:results:end -->";

  private BenchmarksMarkdown() {}

  /**
   * Returns the section for one run.
   *
   * @param loads the 1-minute load average as each scenario started, and at the end ("end")
   */
  static String render(
      Machine machine,
      String command,
      Instant at,
      Duration took,
      List<Findings> findings,
      Map<String, Double> loads) {
    StringBuilder md = new StringBuilder();
    md.append(
        "Run of %s UTC, %d min %d s in all (build excluded), command `%s`.%n%n"
            .formatted(
                at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""),
                took.toMinutes(),
                took.toSecondsPart(),
                command));
    md.append("| machine | |\n|---|---|\n");
    md.append("| CPU | %d cores, %s |%n".formatted(machine.cores(), machine.cpu()));
    md.append("| RAM | %.1f GiB |%n".formatted(machine.ramGib()));
    md.append("| JDK | %s |%n".formatted(machine.jdk()));
    md.append("| OS | %s |%n".formatted(machine.os()));
    md.append("| load average at start | %.2f |%n".formatted(machine.loadAverage()));
    if (!loads.isEmpty()) {
      StringBuilder each = new StringBuilder();
      loads.forEach(
          (name, load) ->
              each.append(each.isEmpty() ? "" : ", ").append("%s %.2f".formatted(name, load)));
      md.append("| load average as each scenario started | %s |%n".formatted(each));
    }
    md.append("| JVM flags | `%s` |%n%n".formatted(String.join(" ", machine.jvmFlags())));
    md.append("| figure | Herald | raw baseline, same run | ratio | target | |\n");
    md.append("|---|---:|---|---:|---|---|\n");
    for (Findings found : findings) {
      for (Result result : found.results()) {
        md.append(row(result)).append('\n');
      }
    }
    md.append("\nDetails of this run:\n\n");
    for (Findings found : findings) {
      for (String note : found.notes()) {
        md.append("- ").append(note).append('\n');
      }
    }
    return md.toString();
  }

  private static String row(Result result) {
    if (result.value() == null) {
      return "| %s | — | — | — | | %s |".formatted(result.title(), result.note());
    }
    String baseline =
        result.baseline() == null
            ? result.note()
            : format(result.baseline(), result.unit()) + " (" + result.baselineTitle() + ")";
    Double ratio = result.ratio();
    return "| %s | %s | %s | %s | %s | %s |"
        .formatted(
            result.title(),
            format(result.value(), result.unit()),
            baseline,
            ratio == null ? "" : "%.2f×".formatted(ratio),
            result.target().text(),
            result.verdict());
  }

  /** Formats a figure with as many digits as its unit deserves. */
  static String format(double value, String unit) {
    String number =
        switch (unit) {
          case "ms" -> "%.2f".formatted(value);
          case "ns/op" -> value < 100 ? "%.1f".formatted(value) : "%,.0f".formatted(value);
          default -> "%,.0f".formatted(value);
        };
    return number + " " + unit;
  }

  /** Replaces the section between the markers of {@code file}; false if the markers are missing. */
  static boolean splice(Path file, String section) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    String text = Files.readString(file);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      return false;
    }
    Files.writeString(
        file, text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end));
    return true;
  }
}
