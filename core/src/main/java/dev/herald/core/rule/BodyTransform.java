package dev.herald.core.rule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;

/**
 * A JMESPath expression that turns an event's JSON document into the body a target receives, e.g.
 * {@code {repo: payload.repository.full_name, pusher: payload.pusher.name}}. Compiled once when
 * saved; applied on every attempt, so the signature covers the body as transformed.
 */
public final class BodyTransform {

  /** The longest expression accepted, in characters. */
  public static final int MAX_LENGTH = 4096;

  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  private final String expression;
  private final Expression<JsonNode> compiled;

  private BodyTransform(String expression, Expression<JsonNode> compiled) {
    this.expression = expression;
    this.compiled = compiled;
  }

  /**
   * Compiles an expression.
   *
   * @throws InvalidRuleException with the compiler's words, which say where the error is
   */
  public static BodyTransform parse(String expression) {
    requireNonNull(expression, "expression");
    if (expression.isBlank()) {
      throw new InvalidRuleException("", "empty (expected: a JMESPath expression)");
    }
    if (expression.length() > MAX_LENGTH) {
      throw new InvalidRuleException(
          "", expression.length() + " characters (expected: at most " + MAX_LENGTH + ")");
    }
    try {
      return new BodyTransform(expression, JMESPATH.compile(expression));
    } catch (JmesPathException e) {
      throw new InvalidRuleException("", "not a JMESPath expression (" + e.getMessage() + ")");
    }
  }

  /**
   * Returns the body for an event: the expression applied to its document. An expression that
   * selects nothing gives JSON {@code null}, which is delivered as such.
   *
   * @throws TransformFailedException when the expression fails on this event (a function given an
   *     argument of the wrong type, for instance)
   */
  public JsonNode apply(JsonNode document) {
    requireNonNull(document, "document");
    try {
      return compiled.search(document);
    } catch (JmesPathException e) {
      throw new TransformFailedException(
          "transform " + expression + " failed on this event: " + e.getMessage(), e);
    }
  }

  /** Returns the expression as written. */
  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BodyTransform other && expression.equals(other.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
