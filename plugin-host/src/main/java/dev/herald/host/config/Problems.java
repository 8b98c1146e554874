package dev.herald.host.config;

import java.util.ArrayList;
import java.util.List;

/** Collects {@code path: reason} lines so that every problem in a file is reported at once. */
public final class Problems {

  private final List<String> lines = new ArrayList<>();

  /** Records a problem as the line {@code path: reason}. */
  public void add(String path, String reason) {
    lines.add(path + ": " + reason);
  }

  /** Returns whether no problem was recorded. */
  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** Returns how many problems were recorded. */
  public int size() {
    return lines.size();
  }

  /** Returns the problems, one {@code path: reason} line each, in the order recorded. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
