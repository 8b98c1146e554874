package dev.herald.host.config;

import java.util.ArrayList;
import java.util.List;

/** Collects {@code path: reason} lines so that every problem in a file is reported at once. */
final class Problems {

  private final List<String> lines = new ArrayList<>();

  void add(String path, String reason) {
    lines.add(path + ": " + reason);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  int size() {
    return lines.size();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
