package dev.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks: {@code bench/run [--postgres] [--backlog N] [--backlog-cap SECONDS]
 * [scenario ...]}; {@code --postgres} runs the PostgreSQL scenarios only. A full run (no scenario
 * named, no {@code --postgres}) writes {@code bench/results.json} and the results section of {@code
 * BENCHMARKS.md}; a partial run writes {@code bench/target/results-partial.json} and leaves both
 * alone.
 */
public final class BenchMain {

  private static final int DEFAULT_BACKLOG = 1_000_000;
  private static final int DEFAULT_BACKLOG_CAP_SECONDS = 300;
  // The PostgreSQL scenarios' names start with this; --postgres selects them.
  private static final String POSTGRES_PREFIX = "pg-";

  private BenchMain() {}

  /** Runs the scenarios named in {@code args}, or all of them. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("herald.root", ".")).toAbsolutePath().normalize();
    int backlog = DEFAULT_BACKLOG;
    int backlogCap = DEFAULT_BACKLOG_CAP_SECONDS;
    Map<String, Scenario> all = new LinkedHashMap<>();
    for (Scenario scenario :
        List.of(
            new PublishCost(),
            new OutboxAppend(),
            new WebhookDelivery(),
            new PluginDelivery(),
            new DeliveryLatency(),
            new BacklogDrain(),
            new RetentionDuringPublish(),
            new RulesFanout(),
            new OrderedDelivery(),
            new PeersSqlite(),
            // Last: the embedded PostgreSQL server starts with the first of them, so the SQLite
            // scenarios run without it.
            new PgOutboxAppend(),
            new PgWebhookDelivery(),
            new PgPeers())) {
      all.put(scenario.name(), scenario);
    }
    List<Scenario> chosen = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--postgres")) {
        for (Scenario scenario : all.values()) {
          if (scenario.name().startsWith(POSTGRES_PREFIX) && !chosen.contains(scenario)) {
            chosen.add(scenario);
          }
        }
      } else if (args[i].equals("--backlog") && i + 1 < args.length) {
        backlog = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--backlog-cap") && i + 1 < args.length) {
        backlogCap = Integer.parseInt(args[++i]);
      } else if (all.containsKey(args[i])) {
        chosen.add(all.get(args[i]));
      } else {
        System.err.println(
            "bench: unknown argument '"
                + args[i]
                + "' (expected: --postgres, --backlog N, --backlog-cap SECONDS or "
                + all.keySet()
                + ")");
        System.exit(2);
      }
    }
    boolean full = chosen.isEmpty();
    if (full) {
      chosen.addAll(all.values());
    }
    String command =
        String.join(" ", List.of(args)).isEmpty()
            ? "bench/run"
            : "bench/run " + String.join(" ", args);
    Instant at = Instant.now();
    Machine machine = Machine.current();
    List<Findings> findings = new ArrayList<>();
    // Other work on the machine moves every figure: the report shows how busy it was throughout.
    Map<String, Double> loads = new LinkedHashMap<>();
    try (Bench bench =
        new Bench(root.resolve("bench/target/scratch"), backlog, Duration.ofSeconds(backlogCap))) {
      for (Scenario scenario : chosen) {
        long start = System.nanoTime();
        System.out.println("== " + scenario.name());
        loads.put(scenario.name(), Machine.loadAverageNow());
        Findings found;
        try {
          found = scenario.run(bench);
        } catch (BenchPostgres.Unavailable e) {
          // A machine that cannot run the embedded server still gets every SQLite figure.
          System.err.println("bench: " + scenario.name() + " not run: " + e.getMessage());
          found =
              new Findings(
                  List.of(
                      Result.pending(
                          scenario.name().replace('-', '_'),
                          "PostgreSQL scenario " + scenario.name(),
                          "not run: " + e.getMessage())),
                  List.of());
        }
        findings.add(found);
        found.results().forEach(result -> System.out.println("  " + line(result)));
        found.notes().forEach(note -> System.out.println("  " + note));
        System.out.printf("  (%.0f s)%n", (System.nanoTime() - start) / 1e9);
      }
    }
    Duration took = Duration.between(at, Instant.now());
    List<Result> results = findings.stream().flatMap(f -> f.results().stream()).toList();
    loads.put("end", Machine.loadAverageNow());
    String section = BenchmarksMarkdown.render(machine, command, at, took, findings, loads);
    if (full) {
      Path json = root.resolve("bench/results.json");
      ResultsJson.compare(json, results, System.out);
      ResultsJson.write(json, results);
      Path markdown = root.resolve("BENCHMARKS.md");
      if (!BenchmarksMarkdown.splice(markdown, section)) {
        System.out.println(markdown + " has no results markers; the section is:\n" + section);
      }
      System.out.println("Wrote " + json + " and " + markdown);
    } else {
      Path json = root.resolve("bench/target/results-partial.json");
      ResultsJson.write(json, results);
      Files.writeString(root.resolve("bench/target/results-partial.md"), section);
      System.out.println(section);
      System.out.println(
          "Wrote " + json + " (partial run: results.json and BENCHMARKS.md unchanged)");
    }
    System.out.printf("Done in %d min %d s%n", took.toMinutes(), took.toSecondsPart());
    System.exit(0); // every server and client is closed; no stray non-daemon thread may hold us
  }

  private static String line(Result result) {
    if (result.value() == null) {
      return result.name() + ": " + result.note();
    }
    String text = result.name() + ": " + BenchmarksMarkdown.format(result.value(), result.unit());
    if (result.baseline() != null) {
      text +=
          " vs "
              + BenchmarksMarkdown.format(result.baseline(), result.unit())
              + " raw = %.2f× %s %s"
                  .formatted(result.ratio(), result.target().text(), result.verdict());
    }
    return text;
  }
}
