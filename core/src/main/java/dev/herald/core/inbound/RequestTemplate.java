package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Text made from a request, e.g. {@code github.{header:X-GitHub-Event}.{body:action}}:
 * dot-separated parts of literal text and references to a header or a JSON body field (a dotted
 * path). A part whose reference is missing is dropped with its dot, so a push without {@code
 * action} gives {@code github.push}.
 */
public final class RequestTemplate {

  private static final String HEADER = "header:";
  private static final String BODY = "body:";

  private final String text;
  // Each part: literal strings and references, in order.
  private final List<List<Piece>> parts;

  private sealed interface Piece {}

  private record Literal(String text) implements Piece {}

  private record HeaderRef(String name) implements Piece {}

  private record BodyRef(String path) implements Piece {}

  private RequestTemplate(String text, List<List<Piece>> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException saying what is wrong, with the expected form
   */
  public static RequestTemplate parse(String text) {
    requireNonNull(text, "text");
    List<List<Piece>> parts = new ArrayList<>();
    List<Piece> part = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw invalid(text, "an unclosed '{'");
        }
        flush(literal, part);
        part.add(reference(text, text.substring(i + 1, end)));
        i = end + 1;
      } else if (c == '}') {
        throw invalid(text, "a '}' without its '{'");
      } else if (c == '.') {
        flush(literal, part);
        parts.add(List.copyOf(part));
        part.clear();
        i++;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, part);
    parts.add(List.copyOf(part));
    if (parts.stream().allMatch(List::isEmpty)) {
      throw invalid(text, "nothing in it");
    }
    return new RequestTemplate(text, List.copyOf(parts));
  }

  private static void flush(StringBuilder literal, List<Piece> part) {
    if (!literal.isEmpty()) {
      part.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private static Piece reference(String text, String inside) {
    if (inside.startsWith(HEADER) && inside.length() > HEADER.length()) {
      return new HeaderRef(inside.substring(HEADER.length()));
    }
    if (inside.startsWith(BODY) && inside.length() > BODY.length()) {
      return new BodyRef(inside.substring(BODY.length()));
    }
    throw invalid(text, "'{" + inside + "}'");
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' has "
            + problem
            + " (expected: text and {header:<name>} or {body:<field.path>} parts separated by"
            + " dots, e.g. github.{header:X-GitHub-Event}.{body:action})");
  }

  /** Returns the template as written. */
  public String text() {
    return text;
  }

  /** Returns the body fields it refers to, as dotted paths. */
  Set<String> bodyPaths() {
    Set<String> paths = new LinkedHashSet<>();
    parts.forEach(
        part ->
            part.forEach(
                piece -> {
                  if (piece instanceof BodyRef ref) {
                    paths.add(ref.path());
                  }
                }));
    return paths;
  }

  /**
   * Returns the text for a request, parts with a missing reference left out; empty when every part
   * is left out.
   *
   * @param body the values of {@link #bodyPaths()} found in the body
   */
  Optional<String> render(InboundHeaders headers, Map<String, String> body) {
    List<String> rendered = new ArrayList<>();
    for (List<Piece> part : parts) {
      renderPart(part, headers, body).ifPresent(rendered::add);
    }
    return rendered.isEmpty() ? Optional.empty() : Optional.of(String.join(".", rendered));
  }

  private static Optional<String> renderPart(
      List<Piece> part, InboundHeaders headers, Map<String, String> body) {
    StringBuilder out = new StringBuilder();
    for (Piece piece : part) {
      Optional<String> value =
          switch (piece) {
            case Literal literal -> Optional.of(literal.text());
            case HeaderRef ref -> headers.get(ref.name());
            case BodyRef ref -> Optional.ofNullable(body.get(ref.path()));
          };
      if (value.isEmpty() || value.get().isEmpty()) {
        return Optional.empty();
      }
      out.append(value.get());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestTemplate other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
