package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Thrown when the configuration cannot be read or is invalid; lists every problem found. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /** Creates an exception for {@code source} with one {@code path: reason} line per problem. */
  public ConfigException(String source, List<String> problems) {
    super(message(requireNonNull(source, "source"), problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, one {@code path: reason} line each, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder message =
        new StringBuilder("Invalid configuration in ")
            .append(source)
            .append(
                problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
    problems.forEach(problem -> message.append("\n  ").append(problem));
    return message.toString();
  }
}
