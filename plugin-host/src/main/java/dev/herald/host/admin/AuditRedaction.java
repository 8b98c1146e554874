package dev.herald.host.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a request into the details an audit entry keeps: its JSON with every field named like a
 * secret removed (at any depth, map keys included, e.g. an {@code Authorization} header), and
 * scrubs the removed values from messages that might echo them.
 */
final class AuditRedaction {

  /** Field names whose values are never kept. */
  static final Pattern SECRET_NAME =
      Pattern.compile(
          "secret|token|password|passwd|key|authorization|credential|cookie",
          Pattern.CASE_INSENSITIVE);

  private static final String MASK = "***";
  // Shorter values are too likely to match ordinary text to be worth scrubbing.
  private static final int MIN_SCRUBBED_LENGTH = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();

  private final String details;
  private final List<String> removed;

  private AuditRedaction(String details, List<String> removed) {
    this.details = details;
    this.removed = List.copyOf(removed);
  }

  /** Redacts a request message. */
  static AuditRedaction of(MessageOrBuilder request) {
    try {
      return ofJson(PRINTER.print(request));
    } catch (InvalidProtocolBufferException e) {
      // A field this printer cannot render (an Any of an unknown type): keep nothing of it.
      return new AuditRedaction("{}", List.of());
    }
  }

  /** Redacts a JSON object. */
  static AuditRedaction ofJson(String json) {
    try {
      JsonNode tree = JSON.readTree(json);
      List<String> removed = new ArrayList<>();
      strip(tree, removed);
      return new AuditRedaction(tree.isObject() ? tree.toString() : "{}", removed);
    } catch (JsonProcessingException e) {
      return new AuditRedaction("{}", List.of());
    }
  }

  /** Returns the JSON object without secret-like fields. */
  String details() {
    return details;
  }

  /** Returns {@code text} with every removed value replaced by {@code ***}. */
  String scrub(String text) {
    String scrubbed = text;
    for (String value : removed) {
      if (value.length() >= MIN_SCRUBBED_LENGTH) {
        scrubbed = scrubbed.replace(value, MASK);
      }
    }
    return scrubbed;
  }

  private static void strip(JsonNode node, List<String> removed) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (SECRET_NAME.matcher(field.getKey()).find()) {
          collect(field.getValue(), removed);
          fields.remove();
        } else {
          strip(field.getValue(), removed);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> strip(child, removed));
    }
  }

  private static void collect(JsonNode node, List<String> removed) {
    if (node.isValueNode()) {
      removed.add(node.asText());
    } else {
      node.forEach(child -> collect(child, removed));
    }
  }
}
