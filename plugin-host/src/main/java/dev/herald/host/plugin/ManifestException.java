package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Thrown when plugin manifests cannot be read or are invalid; lists every problem of every file,
 * each line naming its file and key path.
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /** Creates an exception with one {@code file: path: reason} line per problem. */
  public ManifestException(List<String> problems) {
    super(message(requireNonNull(problems, "problems")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one)");
    }
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, one {@code file: path: reason} line each, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder message =
        new StringBuilder("Invalid plugin manifests")
            .append(
                problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
    problems.forEach(problem -> message.append("\n  ").append(problem));
    return message.toString();
  }
}
