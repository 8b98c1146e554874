package dev.herald.bench;

import java.util.List;

/** What one scenario found: its figures and the notes (sizes, method, details) the report shows. */
record Findings(List<Result> results, List<String> notes) {

  Findings {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }
}
