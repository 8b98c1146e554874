package dev.herald.core.rule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * An EventBridge content pattern over the event's JSON document: exact values and lists of
 * alternatives, {@code prefix}, {@code suffix}, {@code anything-but}, {@code numeric}, {@code
 * exists}, {@code equals-ignore-case}, {@code wildcard} and {@code $or}; an array in the event
 * matches when any element does. Parsed once, checked leaf by leaf so an error names the path
 * inside the pattern.
 */
public final class ContentPattern {

  /** The longest pattern accepted, in characters: patterns are rules, not documents. */
  public static final int MAX_LENGTH = 8192;

  private static final String OR = "$or";

  private final String json;
  private final ContentMatcher<Boolean> alone;

  private ContentPattern(String json) {
    this.json = json;
    this.alone = ContentMatcher.of(Map.of(Boolean.TRUE, this));
  }

  /**
   * Parses and checks a pattern.
   *
   * @throws InvalidRuleException naming the path inside the pattern and what is wrong there
   */
  public static ContentPattern parse(String text) {
    requireNonNull(text, "pattern");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidRuleException(
          "", text.length() + " characters (expected: at most " + MAX_LENGTH + ")");
    }
    JsonNode tree;
    try {
      tree = JsonTrees.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException("", "not JSON (" + e.getMessage() + ")");
    }
    if (tree == null || !tree.isObject() || tree.isEmpty()) {
      throw new InvalidRuleException("", "expected a non-empty JSON object");
    }
    checkObject(tree, "");
    String canonical = JsonTrees.text(tree);
    String problem = JsonRuleCompiler.check(canonical);
    if (problem != null) {
      throw new InvalidRuleException("", firstLine(problem));
    }
    return new ContentPattern(canonical);
  }

  /**
   * Returns whether the document matches this pattern alone; to test many patterns against one
   * event, put them in one {@link ContentMatcher}.
   */
  public boolean matches(JsonNode document) {
    return !alone.matching(document).isEmpty();
  }

  /** Returns the pattern as compact JSON, the form it is stored and compared in. */
  public String json() {
    return json;
  }

  private static void checkObject(JsonNode object, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (field.getKey().equals(OR)) {
        checkOr(value, where);
      } else if (value.isObject()) {
        if (value.isEmpty()) {
          throw new InvalidRuleException(where, "empty object (expected: fields to match)");
        }
        checkObject(value, where);
      } else if (value.isArray()) {
        checkLeaf(field.getKey(), value, where);
      } else {
        throw new InvalidRuleException(
            where,
            "a "
                + value.getNodeType().name().toLowerCase()
                + " (expected: an object or an array of values to match)");
      }
    }
  }

  private static void checkOr(JsonNode alternatives, String where) {
    if (!alternatives.isArray() || alternatives.size() < 2) {
      throw new InvalidRuleException(where, "expected an array of at least 2 objects");
    }
    for (int i = 0; i < alternatives.size(); i++) {
      JsonNode alternative = alternatives.get(i);
      String at = where + "[" + i + "]";
      if (!alternative.isObject() || alternative.isEmpty()) {
        throw new InvalidRuleException(at, "expected a non-empty object");
      }
      checkObject(alternative, at);
    }
  }

  /** Checks one array of matchers on its own, so the engine's complaint lands at this path. */
  private static void checkLeaf(String name, JsonNode matchers, String where) {
    if (matchers.isEmpty()) {
      throw new InvalidRuleException(where, "empty array (expected: at least one value to match)");
    }
    ObjectNode alone = JsonNodeFactory.instance.objectNode();
    alone.set(name, matchers);
    String problem = JsonRuleCompiler.check(JsonTrees.text(alone));
    if (problem != null) {
      throw new InvalidRuleException(where, firstLine(problem));
    }
  }

  // The engine appends the parser's location ("at [Source: ...]"), meaningless to the user.
  private static String firstLine(String problem) {
    int newline = problem.indexOf('\n');
    return (newline < 0 ? problem : problem.substring(0, newline)).strip();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentPattern other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }
}
